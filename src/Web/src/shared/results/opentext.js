// Open text results: how many answered, the sentiment split and topics the enricher found, and
// the answers themselves when the host shows them (the document carries none otherwise).
import { el, format } from "../dom.js";
import { setText, syncList } from "./common.js";
import { moreTexts as texts } from "./more-texts.js";

const Sentiments = ["positive", "neutral", "negative", "unknown"];

export function render(root, activity, results) {
  let head = root.querySelector(".results-open__head");
  if (!head) {
    head = root.appendChild(el("div", { class: "results-open__head" },
      el("strong", { class: "results-open__count" }),
      el("div", { class: "results-sentiment", role: "img" }, Sentiments.map((s) => el("span", { class: `results-sentiment__part is-${s}`, dataset: { sentiment: s } }))),
      el("ul", { class: "results-topics", "aria-label": texts.topics })));
  }
  const total = results?.total_answers ?? 0;
  setText(head.querySelector(".results-open__count"), texts.answers(total));
  const split = results?.sentiment ?? {};
  const bar = head.querySelector(".results-sentiment");
  bar.hidden = total === 0;
  bar.setAttribute("aria-label", Sentiments.filter((s) => split[s]).map((s) => `${texts.sentiment[s]} ${split[s]}`).join(", "));
  for (const part of bar.children) part.style.flexGrow = String(split[part.dataset.sentiment] ?? 0);
  syncList(head.querySelector(".results-topics"), results?.topics ?? [], (t) => t.value, () => el("li", { class: "results-topic" }),
    (node, t) => setText(node, `${t.value} · ${t.count}`));

  let list = root.querySelector(".results-answers");
  if (!list) list = root.appendChild(el("ul", { class: "results-answers" }));
  const answers = results?.answers_shown ? (results.answers ?? []) : [];
  syncList(list, answers.slice(0, 24), (a) => a.id, () => el("li", { class: "results-answer" }),
    (node, a) => { setText(node, a.text); node.dataset.sentiment = a.sentiment ?? "unknown"; });
  let note = root.querySelector(".results-note");
  if (!note) note = root.appendChild(el("p", { class: "results-note" }, texts.answersHidden));
  note.hidden = Boolean(results?.answers_shown) || total === 0;
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noAnswers));
  empty.hidden = total > 0;
}

export function describe(activity, results) {
  const total = results?.total_answers ?? 0;
  if (!total) return texts.noAnswers;
  const split = results.sentiment ?? {};
  const parts = ["positive", "neutral", "negative"].filter((s) => split[s]).map((s) => `${texts.sentiment[s].toLowerCase()} ${split[s]}`);
  return [texts.answers(total), ...parts].join(", ");
}
