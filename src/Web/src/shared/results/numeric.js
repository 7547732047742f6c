// Numeric guess results: a histogram from min to max (a column per bucket), mean and median, and
// after the reveal the correct value marked on the axis with the closest guesses.
import { el, format } from "../dom.js";
import { syncList, setText, number } from "./common.js";
import { moreTexts as texts } from "./more-texts.js";

export function render(root, activity, results) {
  let stats = root.querySelector(".results-numeric__stats");
  if (!stats) {
    stats = root.appendChild(el("dl", { class: "results-numeric__stats results-poker__stats" },
      el("div", {}, el("dt", {}, texts.median), el("dd", { "data-stat": "median" })),
      el("div", {}, el("dt", {}, texts.mean), el("dd", { "data-stat": "mean" })),
      el("div", { class: "results-numeric__correct" }, el("dt", {}, texts.correct), el("dd", { "data-stat": "correct" }))));
  }
  const unit = results?.unit ? ` ${results.unit}` : "";
  setText(stats.querySelector('[data-stat="median"]'), results?.median == null ? "–" : `${number(results.median)}${unit}`);
  setText(stats.querySelector('[data-stat="mean"]'), results?.mean == null ? "–" : `${number(results.mean)}${unit}`);
  const revealed = Boolean(results?.revealed) && typeof results?.correct_value === "number";
  stats.querySelector(".results-numeric__correct").hidden = !revealed;
  setText(stats.querySelector('[data-stat="correct"]'), revealed ? `${number(results.correct_value)}${unit}` : "");

  let chart = root.querySelector(".results-histogram");
  if (!chart) chart = root.appendChild(el("div", { class: "results-histogram-wrap" }, el("ol", { class: "results-histogram" }), el("span", { class: "results-histogram__marker", "aria-hidden": "true" }))).querySelector(".results-histogram");
  const buckets = results?.histogram ?? [];
  const tallest = Math.max(1, ...buckets.map((b) => b.count));
  syncList(chart, buckets, (b, i) => i,
    () => el("li", { class: "results-bucket" },
      el("span", { class: "results-bucket__count" }),
      el("span", { class: "results-bucket__column", "aria-hidden": "true" }, el("span", { class: "results-bucket__fill" })),
      el("span", { class: "results-bucket__range" })),
    (node, b) => {
      setText(node.querySelector(".results-bucket__count"), b.count || "");
      setText(node.querySelector(".results-bucket__range"), number(b.from));
      node.querySelector(".results-bucket__fill").style.height = `${(100 * b.count) / tallest}%`;
      node.setAttribute("aria-label", `${number(b.from)}–${number(b.to)}: ${texts.guesses(b.count)}`);
      node.classList.toggle("is-correct", revealed && results.correct_value >= b.from && (results.correct_value < b.to || b.to === results.max));
    });
  const marker = root.querySelector(".results-histogram__marker");
  marker.hidden = !revealed;
  if (revealed && results.max > results.min) marker.style.left = `${(100 * (results.correct_value - results.min)) / (results.max - results.min)}%`;

  let closest = root.querySelector(".results-closest");
  if (!closest) closest = root.appendChild(el("p", { class: "results-closest" }));
  closest.hidden = !revealed || !(results.winners?.length);
  if (revealed && results.winners?.length) {
    setText(closest, format(texts.closest, { values: results.winners.map((w) => `${number(w.value)}${unit}`).join(", "), n: number(results.closest_distance) }));
  }
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noGuesses));
  empty.hidden = (results?.total_responses ?? 0) > 0;
}

export function describe(activity, results) {
  const n = results?.total_responses ?? 0;
  if (!n) return texts.noGuesses;
  if (results.revealed && typeof results.correct_value === "number" && results.winners?.length)
    return format(texts.numericRevealed, { value: number(results.correct_value), closest: number(results.winners[0].value) });
  return format(texts.numericSummary, { median: number(results.median), mean: number(results.mean), n: texts.guesses(n) });
}
