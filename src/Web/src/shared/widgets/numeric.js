// Numeric guess: a big number field with a slider beside it (thumb-friendly on a phone, exact
// when typed), the unit after it, and the range in the label. The correct value is shown once
// the host reveals it (results carry it then, never before).
import { el, format } from "../dom.js";
import { textsOf } from "./more-texts.js";

let counter = 0;

export function numericWidget(activity, ctx) {
  const texts = textsOf(ctx.texts);
  const config = activity.configuration ?? {};
  const min = Number(config.min ?? 0);
  const max = Number(config.max ?? 100);
  const integers = config.integers_only === true;
  const step = integers ? 1 : "any";
  const id = `guess-${++counter}`;
  const field = el("input", { id, name: "value", type: "number", inputmode: integers ? "numeric" : "decimal", min, max, step, enterkeyhint: "send", class: "guess-input" });
  const slider = el("input", { type: "range", min, max, step: integers ? 1 : (max - min) / 1000, value: (min + max) / 2, "aria-label": format(texts.guessLabel, { min, max }) });
  const unit = config.unit ? el("span", { class: "guess-unit" }, config.unit) : null;
  const correct = el("p", { class: "guess-correct", hidden: true, role: "status" });
  const button = el("button", { type: "submit", class: "primary big" }, texts.sendGuess);
  const form = el("form", { class: "widget widget-numeric" },
    el("label", { for: id, class: !config.question || config.question === activity.title ? "visually-hidden" : "widget-prompt" }, config.question || activity.title),
    el("p", { class: "hint" }, format(texts.guessLabel, { min, max })),
    el("div", { class: "guess-row" }, field, unit), slider, button, correct);

  slider.addEventListener("input", () => { field.value = integers ? slider.value : String(Math.round(Number(slider.value) * 100) / 100); });
  field.addEventListener("input", () => { if (field.value !== "") slider.value = field.value; });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (field.value.trim() === "") { await ctx.submit(null, texts.enterGuess); field.focus(); return; }
    const value = Number(field.value);
    if (!Number.isFinite(value) || value < min || value > max) { await ctx.submit(null, format(texts.guessRange, { min, max })); return; }
    if (integers && !Number.isInteger(value)) { await ctx.submit(null, texts.wholeNumber); return; }
    button.disabled = true;
    await ctx.submit({ value });
    button.disabled = false;
  });

  function showAnswered(responses) {
    const value = responses.at(-1)?.response_data?.value;
    if (typeof value !== "number") return;
    field.value = String(value);
    slider.value = String(value);
  }

  function showResults(doc) {
    const results = doc?.results ?? doc;
    const revealed = results?.revealed && typeof results.correct_value === "number";
    correct.hidden = !revealed;
    if (revealed) correct.textContent = format(texts.correctWas, { value: `${results.correct_value}${config.unit ? ` ${config.unit}` : ""}` });
  }

  return { node: form, showAnswered, showResults };
}
