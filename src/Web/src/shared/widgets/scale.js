// Scale: a row of big numbered buttons (1..scale_max) per statement, with the point labels or the
// min / max labels under them. Several statements are rated in one answer; one may be skipped.
import { el, format } from "../dom.js";
import { textsOf } from "./more-texts.js";

let counter = 0;

export function scaleWidget(activity, ctx) {
  const texts = textsOf(ctx.texts);
  const config = activity.configuration ?? {};
  const max = Number.isInteger(config.scale_max) ? config.scale_max : 5;
  const several = Array.isArray(config.statements) && config.statements.length > 0;
  const statements = several ? config.statements : [config.question || activity.title];
  const labels = Array.isArray(config.labels) && config.labels.length === max ? config.labels : null;
  const rows = statements.map((statement) => pointRow(statement, max, labels, config, texts));
  const button = el("button", { type: "submit", class: "primary big" }, texts.rate);
  const form = el("form", { class: "widget widget-scale" },
    several && config.question && config.question !== activity.title ? el("p", { class: "widget-prompt" }, config.question) : null,
    rows.map((r) => r.node), button);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ratings = rows.map((r) => r.value());
    if (ratings.every((r) => r === null)) { await ctx.submit(null, several ? texts.rateOne : texts.rateFirst); return; }
    button.disabled = true;
    const ack = await ctx.submit(several ? { ratings } : { rating: ratings[0] });
    button.disabled = false;
    if (ack) button.textContent = texts.rate;
  });

  function showAnswered(responses) {
    const data = responses.at(-1)?.response_data ?? {};
    const ratings = Array.isArray(data.ratings) ? data.ratings : [data.rating];
    rows.forEach((r, i) => r.set(ratings[i] ?? null));
  }

  return { node: form, showAnswered };
}

function pointRow(statement, max, labels, config, texts) {
  const name = `scale-${++counter}`;
  const inputs = [];
  const points = [];
  for (let n = 1; n <= max; n++) {
    const input = el("input", { type: "radio", name, value: String(n), id: `${name}-${n}`, "aria-label": labels ? `${n}: ${labels[n - 1]}` : format(texts.ratingOf, { n, max }) });
    inputs.push(input);
    points.push(el("label", { class: "scale-point", for: `${name}-${n}` }, input, el("span", { class: "scale-point__n", "aria-hidden": "true" }, String(n)),
      labels ? el("span", { class: "scale-point__label", "aria-hidden": "true" }, labels[n - 1]) : null));
  }
  const ends = !labels && (config.min_label || config.max_label)
    ? el("p", { class: "scale-ends", "aria-hidden": "true" }, el("span", {}, config.min_label ?? ""), el("span", {}, config.max_label ?? ""))
    : null;
  const node = el("fieldset", { class: "scale-row", style: `--points: ${max}` }, el("legend", {}, statement),
    el("div", { class: "scale-points" }, points), ends);
  // Tapping the chosen point again clears it (a statement can be skipped).
  inputs.forEach((input) => input.addEventListener("click", () => {
    if (input.dataset.was === "1") { input.checked = false; input.dataset.was = ""; } else { inputs.forEach((i) => { i.dataset.was = ""; }); input.dataset.was = "1"; }
  }));
  return {
    node,
    value: () => { const chosen = inputs.find((i) => i.checked); return chosen ? Number(chosen.value) : null; },
    set: (value) => inputs.forEach((i) => { i.checked = Number(i.value) === value; i.dataset.was = i.checked ? "1" : ""; }),
  };
}
