// A readable one-line summary of live results (the big screen has the charts): read by screen
// readers from an aria-live region, e.g. "Blue leads with 42% (5 of 12 votes)".
import { format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { describeResults } from "../shared/results/index.js";

/** Whether the host lets participants see results while the activity runs. */
export function showsLiveResults(activity) {
  const config = activity.configuration ?? {};
  const meta = activity.activity_metadata ?? {};
  if (config.show_live_results === false || config.show_results === false || meta.show_live_results === false) return false;
  return ["poll", "word_cloud", "scale", "ranking", "numeric"].includes(activity.activity_type);
}

export function summarize(activity, results) {
  if (!results) return "";
  switch (activity.activity_type) {
    case "poll": return pollSummary(results);
    case "word_cloud": {
      const words = (results.words ?? []).slice(0, 5);
      return words.length ? format(texts.wordsTop, { words: words.map((w) => `${w.text} (${w.count})`).join(", ") }) : texts.wordsNone;
    }
    case "scale": case "ranking": case "numeric": return describeResults(activity, results);
    default: return "";
  }
}

function pollSummary(results) {
  const options = results.options ?? [];
  const total = results.total_votes ?? 0;
  if (!total) return texts.pollNone;
  const top = Math.max(...options.map((o) => o.votes ?? 0));
  const leaders = options.filter((o) => (o.votes ?? 0) === top);
  const percent = Math.round(leaders[0]?.percentage ?? 0);
  return leaders.length > 1
    ? format(texts.pollTie, { options: leaders.map((o) => o.text).join(", "), percent, total })
    : format(texts.pollLeads, { option: leaders[0].text, percent, votes: top, total });
}
