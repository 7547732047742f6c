// Scale results: per statement its average (big) and a bar per point with its share and count.
import { el, format } from "../dom.js";
import { syncList, updateBarRow, barRow, setText, number, texts as common } from "./common.js";
import { moreTexts as texts } from "./more-texts.js";

const pointLabel = (results, point) => {
  const label = results?.labels?.[point - 1];
  if (label) return `${point} · ${label}`;
  if (point === results?.scale_min && results?.min_label) return `${point} · ${results.min_label}`;
  if (point === results?.scale_max && results?.max_label) return `${point} · ${results.max_label}`;
  return String(point);
};

export function render(root, activity, results) {
  let list = root.querySelector(".results-scale");
  if (!list) list = root.appendChild(el("ol", { class: "results-scale" }));
  const statements = results?.statements ?? [];
  const several = statements.length > 1;
  syncList(list, statements, (s) => s.index,
    () => el("li", { class: "results-statement" },
      el("div", { class: "results-statement__head" },
        el("span", { class: "results-statement__text" }),
        el("span", { class: "results-statement__avg" }, el("strong", {}), el("span", { class: "results-statement__of" }))),
      el("ol", { class: "results-bars results-bars--points" })),
    (node, s) => {
      const head = node.querySelector(".results-statement__text");
      head.hidden = !several;
      setText(head, s.text);
      setText(node.querySelector(".results-statement__avg strong"), number(s.average));
      setText(node.querySelector(".results-statement__of"), ` / ${results.scale_max} · ${texts.ratings(s.count)}`);
      const points = (s.distribution ?? []).map((count, i) => ({ point: i + 1, count }));
      const max = Math.max(0, ...points.map((p) => p.count));
      syncList(node.querySelector(".results-bars"), points, (p) => p.point, barRow, (bar, p) =>
        updateBarRow(bar, { label: pointLabel(results, p.point), count: p.count, pct: s.count ? (100 * p.count) / s.count : 0, color: (p.point - 1) % 8, leading: max > 0 && p.count === max }));
    });
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noRatings));
  empty.hidden = (results?.total_responses ?? 0) > 0;
}

export function describe(activity, results) {
  const rated = (results?.statements ?? []).filter((s) => s.count > 0);
  if (!rated.length) return texts.noRatings;
  return rated.map((s) => format(texts.scaleSummary, { text: s.text, avg: number(s.average), max: results.scale_max, n: texts.ratings(s.count) })).join("; ");
}

export { common };
