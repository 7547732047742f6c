// Results as plain text lists: the fallback drawing, and the text that goes to the live region.
import { el, format } from "../shared/dom.js";
import { texts } from "./texts.js";

const kind = (activity) => {
  const type = activity?.activity_type;
  if (type === "poll" || type === "word_cloud" || type === "planning_poker") return type;
  if (type === "qa" || type === "qna") return "qa";
  return "generic";
};

/** A list of the counts in a results document (ours, see docs/api.md "Known types"). */
export function plainResults(activity, results) {
  if (!results) return el("p", { class: "hint" }, texts.noResultsYet);
  switch (kind(activity)) {
    case "poll":
      return el("ul", { class: "plain-results" }, (results.options ?? []).map((o) =>
        el("li", {}, el("span", {}, o.text), " ", el("strong", {}, format(texts.votes, { n: o.votes })))));
    case "word_cloud":
      return (results.words ?? []).length
        ? el("ul", { class: "plain-results words" }, results.words.slice(0, 50).map((w) => el("li", {}, format(texts.wordCount, { word: w.text, n: w.count }))))
        : el("p", { class: "hint" }, texts.noWords);
    case "planning_poker":
      return el("ul", { class: "plain-results" }, (results.votes ?? []).map((v) =>
        el("li", {}, el("span", {}, String(v.value)), " ", el("strong", {}, format(texts.votes, { n: v.count })))));
    case "qa":
      return el("p", {}, format(texts.upvotes, { n: results.total_upvotes ?? 0 }));
    default:
      return el("p", {}, format(texts.totalResponses, { n: results.total_responses ?? 0, p: results.unique_participants ?? 0 }));
  }
}

/** One sentence for screen readers ("Red leads with 3 votes"). */
export function describePlain(activity, results) {
  if (!results) return texts.noResultsYet;
  switch (kind(activity)) {
    case "poll": return (results.options ?? []).map((o) => `${o.text}: ${format(texts.votes, { n: o.votes })}`).join(", ");
    case "word_cloud": return (results.words ?? []).slice(0, 5).map((w) => format(texts.wordCount, { word: w.text, n: w.count })).join(", ") || texts.noWords;
    case "planning_poker": return (results.votes ?? []).map((v) => `${v.value}: ${v.count}`).join(", ");
    case "qa": return `${results.total_questions ?? 0} questions`;
    default: return format(texts.totalResponses, { n: results.total_responses ?? 0, p: results.unique_participants ?? 0 });
  }
}

export const isQa = (activity) => kind(activity) === "qa";
export const isWordCloud = (activity) => kind(activity) === "word_cloud";
