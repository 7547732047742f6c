// Result renderers for every activity type, shared by the big screen and the host console.
//   renderResults(container, activity, resultsDocument, { size: "screen" | "console" })
//     draws the results into container, updating what is there (bars animate, rows glide);
//   describeResults(activity, results, { present }) gives the same results as one short text
//     for aria-live regions and captions ("Blue leads with 42%, 118 of 150 answered").
// `resultsDocument` is either a Results push / snapshot entry ({ activityId, asOfSeq,
// responseCount, results }) or the bare results document of GET /activities/{id}/results.
import { el, format } from "../dom.js";
import { texts } from "./common.js";
import * as poll from "./poll.js";
import * as wordCloud from "./wordcloud.js";
import * as qa from "./qa.js";
import * as poker from "./poker.js";
import * as generic from "./generic.js";
import * as scale from "./scale.js";
import * as ranking from "./ranking.js";
import * as openText from "./opentext.js";
import * as numeric from "./numeric.js";
import * as quiz from "./quiz.js";

const renderers = { poll, word_cloud: wordCloud, qa, planning_poker: poker, generic, scale, ranking, open_text: openText, numeric, quiz };
const moreKinds = ["scale", "ranking", "open_text", "numeric"];

/** The renderer kind of an activity: its type, else what the document says it is. */
export function kindOf(activity, results) {
  const type = activity?.activity_type ?? activity?.type;
  if (type === "poll" || type === "word_cloud" || type === "planning_poker") return type;
  if (type === "qa" || type === "qna") return "qa";
  if (moreKinds.includes(type)) return type;
  if (type === "quiz" || results?.type === "quiz_results") return "quiz";
  switch (results?.type) {
    case "poll_results": return "poll";
    case "word_cloud_results": return "word_cloud";
    case "qna_results": return "qa";
    default: return results && "consensus" in results && "votes" in results ? "planning_poker" : "generic";
  }
}

/** The bare results document of a push, a snapshot entry or a REST answer. */
export function unwrap(resultsDocument) {
  if (!resultsDocument) return null;
  if ("asOfSeq" in resultsDocument || "activityId" in resultsDocument) return resultsDocument.results ?? null;
  if ("response_count" in resultsDocument && "results" in resultsDocument && !("type" in resultsDocument)) return resultsDocument.results;
  return resultsDocument;
}

/**
 * How many participants have answered, when the type says (distinct people: a poll or poker
 * vote is one per person, generic results count unique participants); null when it does not
 * (a word cloud or a Q&A counts contributions, not people).
 */
export function answeredCount(activity, resultsDocument) {
  const results = unwrap(resultsDocument);
  switch (kindOf(activity, results)) {
    case "poll": return results?.total_votes ?? results?.total_responses ?? 0;
    case "planning_poker": return results?.total_votes ?? 0;
    case "generic": return results?.unique_participants ?? 0;
    case "scale": case "ranking": case "numeric": return results?.total_responses ?? 0;
    case "open_text": return results?.participants ?? 0;
    default: return null;
  }
}

export function renderResults(container, activity, resultsDocument, { size = "console" } = {}) {
  const results = unwrap(resultsDocument) ?? {};
  const kind = kindOf(activity, results);
  let root = container.firstElementChild;
  if (!root || !root.classList.contains("results") || root.dataset.kind !== kind || root.dataset.activity !== String(activity?.id ?? "")) {
    root = el("div", { class: `results results--${size} results--${kind.replace("_", "-")}`, dataset: { kind, activity: String(activity?.id ?? "") } });
    container.replaceChildren(root);
  }
  root.classList.toggle("results--screen", size === "screen");
  root.classList.toggle("results--console", size !== "screen");
  renderers[kind].render(root, activity, results);
  return root;
}

export function describeResults(activity, resultsDocument, { present } = {}) {
  const results = unwrap(resultsDocument) ?? {};
  const text = renderers[kindOf(activity, results)].describe(activity, results);
  const answered = answeredCount(activity, resultsDocument);
  if (answered === null) return text;
  if (typeof present === "number" && present > 0) return `${text}, ${format(texts.answered, { n: answered, of: Math.max(present, answered) })}`;
  return `${text}, ${texts.responses(answered)}`;
}

export { texts as resultTexts };
