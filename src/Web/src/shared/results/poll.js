// Poll results: one horizontal bar per option with its share and count. Reads our `options`
// ([{index, text, votes, percentage}]) and, for legacy documents, `vote_counts` / `percentages`.
import { el, format } from "../dom.js";
import { syncList, updateBarRow, barRow, leaderText, texts, colorIndex } from "./common.js";

/** The options of a poll results document as [{ key, text, count, pct }], in the poll's order. */
export function pollOptions(results, activity) {
  if (Array.isArray(results?.options) && results.options.every((o) => o && typeof o === "object")) {
    return results.options.map((o, i) => ({ key: o.index ?? i, text: o.text, count: o.votes ?? 0, pct: o.percentage ?? 0 }));
  }
  // Legacy: vote_counts by option text; the activity's options give the order when known.
  const counts = results?.vote_counts ?? {};
  const configured = activity?.configuration?.options ?? activity?.config?.options;
  const names = Array.isArray(configured) ? configured.map(String) : Object.keys(counts);
  const total = names.reduce((sum, n) => sum + (counts[n] ?? 0), 0);
  return names.map((text, i) => ({
    key: i, text, count: counts[text] ?? 0,
    pct: results?.percentages?.[text] ?? (total ? (100 * (counts[text] ?? 0)) / total : 0),
  }));
}

export function render(root, activity, results) {
  let list = root.querySelector(".results-bars");
  if (!list) list = root.appendChild(el("ol", { class: "results-bars" }));
  const options = pollOptions(results, activity);
  const max = Math.max(0, ...options.map((o) => o.count));
  syncList(list, options, (o) => o.key, barRow, (node, o) =>
    updateBarRow(node, { label: o.text, count: o.count, pct: o.pct, color: Number(o.key) % 8, leading: max > 0 && o.count === max }));
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noVotes));
  empty.hidden = max > 0;
}

export function describe(activity, results) {
  return leaderText(pollOptions(results, activity), format) ?? texts.noVotes;
}

export const totalOf = (results) => results?.total_votes ?? results?.total_responses ?? 0;
export { colorIndex };
