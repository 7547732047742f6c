// Open text: a text box with a character count, up to max_answers_per_participant answers (default
// 1), the participant's own answers listed, and (when the host shows them) the approved answers of
// everyone from the results.
import { el, format } from "../dom.js";
import { textsOf } from "./more-texts.js";

let counter = 0;

export function openTextWidget(activity, ctx) {
  const texts = textsOf(ctx.texts);
  const config = activity.configuration ?? {};
  const max = Number.isInteger(config.max_length) ? config.max_length : 280;
  const cap = Number.isInteger(config.max_answers_per_participant) ? config.max_answers_per_participant : 1;
  const id = `open-${++counter}`;
  const box = el("textarea", { id, name: "text", rows: 4, maxlength: max, "aria-describedby": `${id}-count` });
  const count = el("p", { id: `${id}-count`, class: "hint", "aria-live": "polite" });
  const mine = el("ul", { class: "my-answers", "aria-label": texts.yourAnswers });
  const left = el("p", { class: "hint" });
  const button = el("button", { type: "submit", class: "primary big" }, texts.sendAnswer);
  const others = el("section", { class: "others-answers", hidden: true }, el("h3", {}, texts.othersSaid), el("ul", {}));
  const form = el("form", { class: "widget widget-open-text" },
    el("label", { for: id, class: !config.question || config.question === activity.title ? "visually-hidden" : "widget-prompt" }, config.question || activity.title), box, count, button, left, mine, others);
  const answers = [];

  const updateCount = () => { count.textContent = format(texts.charactersLeft, { left: max - box.value.trim().length }); };
  box.addEventListener("input", updateCount);
  updateCount();
  update();

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = box.value.trim();
    if (!text) { await ctx.submit(null, texts.enterAnswer); box.focus(); return; }
    button.disabled = true;
    const ack = await ctx.submit({ text });
    button.disabled = false;
    if (ack) { box.value = ""; updateCount(); }
    update();
  });

  function update() {
    const remaining = Math.max(0, cap - answers.length);
    box.disabled = remaining === 0;
    button.disabled = remaining === 0;
    left.textContent = remaining === 0 ? texts.noAnswersLeft : answers.length ? format(texts.answersLeft, { left: remaining }) : "";
    left.hidden = !left.textContent;
    mine.replaceChildren(...answers.map((a) => el("li", {}, a)));
  }

  function showAnswered(responses) {
    answers.length = 0;
    for (const r of responses) if (typeof r.response_data?.text === "string") answers.push(r.response_data.text.trim());
    update();
  }

  function showResults(doc) {
    const results = doc?.results ?? doc;
    const shown = results?.answers_shown && Array.isArray(results.answers) ? results.answers : [];
    others.hidden = shown.length === 0;
    others.querySelector("ul").replaceChildren(...shown.slice(0, 30).map((a) => el("li", {}, a.text)));
  }

  return { node: form, showAnswered, showResults };
}
