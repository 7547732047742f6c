// Results of an activity type this client does not know: for each field of GenericResults
// (`fields: { name: [{value, count}] }`), its values as bars.
import { el, format } from "../dom.js";
import { syncList, setText, barRow, updateBarRow, leaderText, texts, colorIndex } from "./common.js";

const label = (name) => name.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());

export function render(root, activity, results) {
  let groups = root.querySelector(".results-fields");
  if (!groups) groups = root.appendChild(el("div", { class: "results-fields" }));
  const fields = Object.entries(results?.fields ?? {});
  syncList(groups, fields, ([name]) => name,
    () => el("section", { class: "results-field" }, el("h3", { class: "results-field__name" }), el("ol", { class: "results-bars" })),
    (node, [name, values]) => {
      setText(node.firstChild, label(name));
      const total = values.reduce((s, v) => s + v.count, 0);
      const max = Math.max(0, ...values.map((v) => v.count));
      syncList(node.lastChild, values, (v) => v.value, barRow, (row, v) =>
        updateBarRow(row, { label: v.value, count: v.count, pct: total ? (100 * v.count) / total : 0, color: colorIndex(v.value), leading: v.count === max }));
    });
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noResponses));
  empty.hidden = fields.length > 0;
}

export function describe(activity, results) {
  const fields = Object.entries(results?.fields ?? {});
  if (!fields.length) return texts.noResponses;
  const [name, values] = fields[0];
  const total = values.reduce((s, v) => s + v.count, 0);
  const leader = leaderText(values.map((v) => ({ text: v.value, count: v.count, pct: total ? (100 * v.count) / total : 0 })), format);
  return `${label(name)}: ${leader ?? texts.noResponses}`;
}
