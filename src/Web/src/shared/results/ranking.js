// Ranking results: the items by Borda points, a bar per item (points against the leader's), its
// average place, and how the points are counted.
import { el, format } from "../dom.js";
import { syncList, setText, number } from "./common.js";
import { moreTexts as texts } from "./more-texts.js";

export function render(root, activity, results) {
  let list = root.querySelector(".results-ranking");
  if (!list) list = root.appendChild(el("ol", { class: "results-ranking" }));
  const items = results?.items ?? [];
  const top = Math.max(1, ...items.map((i) => i.points));
  syncList(list, items, (i) => i.index,
    () => el("li", { class: "results-rank" },
      el("span", { class: "results-rank__place" }),
      el("span", { class: "results-rank__text" }),
      el("span", { class: "results-rank__track", "aria-hidden": "true" }, el("span", { class: "results-rank__fill" })),
      el("span", { class: "results-rank__value" }, el("strong", {}), " ", el("span", { class: "results-rank__avg" }))),
    (node, item) => {
      setText(node.querySelector(".results-rank__place"), item.rank);
      setText(node.querySelector(".results-rank__text"), item.text);
      setText(node.querySelector(".results-rank__value strong"), texts.points(item.points));
      setText(node.querySelector(".results-rank__avg"), item.average_position == null ? "" : format(texts.avgPlace, { n: number(item.average_position) }));
      node.querySelector(".results-rank__fill").style.width = `${(100 * item.points) / top}%`;
      node.style.setProperty("--bar-color", `var(--bar-${item.index % 8})`);
      node.classList.toggle("is-leading", item.rank === 1 && item.points > 0);
    });
  let method = root.querySelector(".results-method");
  if (!method) method = root.appendChild(el("p", { class: "results-method" }));
  setText(method, format(texts.rankingMethod, { n: results?.points_for_first ?? Math.max(0, items.length - 1) }));
  method.hidden = !(results?.total_responses > 0);
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noRankings));
  empty.hidden = (results?.total_responses ?? 0) > 0;
}

export function describe(activity, results) {
  const first = results?.items?.[0];
  if (!results?.total_responses || !first) return texts.noRankings;
  return format(texts.rankingLeads, { text: first.text, points: texts.points(first.points) });
}
