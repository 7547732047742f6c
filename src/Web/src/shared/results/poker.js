// Planning poker: the spread of cards (a column per card value, height by count), with the
// average, median, range and whether everyone agrees.
import { el, format } from "../dom.js";
import { syncList, setText, texts, number } from "./common.js";

export function render(root, activity, results) {
  let stats = root.querySelector(".results-poker__stats");
  if (!stats) {
    stats = root.appendChild(el("dl", { class: "results-poker__stats" },
      el("div", {}, el("dt", {}, texts.average), el("dd", { "data-stat": "average" })),
      el("div", {}, el("dt", {}, texts.median), el("dd", { "data-stat": "median" })),
      el("div", {}, el("dt", {}, texts.range), el("dd", { "data-stat": "range" })),
      el("div", { class: "results-poker__consensus" }, el("dt", {}, texts.consensus), el("dd", { "data-stat": "consensus" }))));
  }
  let cards = root.querySelector(".results-cards");
  if (!cards) cards = root.appendChild(el("ol", { class: "results-cards" }));
  const votes = results?.votes ?? [];
  const max = Math.max(1, ...votes.map((v) => v.count));
  syncList(cards, votes, (v) => v.value,
    () => el("li", { class: "results-card" },
      el("span", { class: "results-card__count" }),
      el("span", { class: "results-card__column", "aria-hidden": "true" }, el("span", { class: "results-card__fill" })),
      el("span", { class: "results-card__face" })),
    (node, v) => {
      setText(node.querySelector(".results-card__face"), v.value);
      setText(node.querySelector(".results-card__count"), v.count);
      node.querySelector(".results-card__count").setAttribute("aria-label", texts.votes(v.count));
      node.querySelector(".results-card__fill").style.height = `${(100 * v.count) / max}%`;
      node.classList.toggle("is-leading", v.count === max);
    });
  setText(stats.querySelector('[data-stat="average"]'), number(results?.average));
  setText(stats.querySelector('[data-stat="median"]'), number(results?.median));
  setText(stats.querySelector('[data-stat="range"]'), results?.min === null || results?.min === undefined ? "–" : `${number(results.min)}–${number(results.max)}`);
  const consensus = Boolean(results?.consensus);
  setText(stats.querySelector('[data-stat="consensus"]'), consensus ? `✓ ${votes[0]?.value ?? ""}` : "–");
  stats.querySelector(".results-poker__consensus").classList.toggle("is-reached", consensus);
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noVotes));
  empty.hidden = votes.length > 0;
}

export function describe(activity, results) {
  const n = results?.total_votes ?? 0;
  if (!n) return texts.noVotes;
  if (results.consensus) return format(texts.pokerConsensus, { value: results.votes?.[0]?.value ?? "", n });
  return format(texts.pokerSummary, { avg: number(results.average), n });
}
