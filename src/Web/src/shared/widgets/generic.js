// Any other activity type, answered from its schema_render (src/Processing/Analysis/SchemaRender.cs):
// participant.widget says how (single_choice, multiple_choice, scale, word_list, free_text,
// card_picker, question_board, form with fields, json) and the response shapes are the ones the
// analyzers' response_schema describes ({option_index}, {option_indices}, {value}, {words}, {text},
// one key per form field). Until the analysis is done the page says the question is being prepared.
import { el, format } from "../dom.js";
import { choice, chosenIndices } from "./choice.js";
import { qaWidget } from "./qa.js";

let counter = 0;

export function genericWidget(activity, ctx) {
  const render = activity.schema_render?.participant;
  const { texts } = ctx;
  if (!render) return { node: el("p", { class: "hint", role: "status" }, texts.preparing) };
  const prompt = render.prompt || activity.title;
  if (render.widget === "question_board") return qaWidget({ ...activity, configuration: { topic: prompt, max_question_length: render.max_length } }, ctx);

  const input = field({ ...render, label: prompt }, texts, true);
  const button = el("button", { type: "submit", class: "primary big" }, texts.send);
  const form = el("form", { class: "widget widget-generic" }, input.node, button);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = input.value();
    if (data.error) { await ctx.submit(null, data.error); return; }
    button.disabled = true;
    const ack = await ctx.submit(data.value);
    button.disabled = false;
    if (ack) button.textContent = texts.sendAgain;
  });

  return {
    node: form,
    showAnswered(responses) { if (responses.length) { input.show?.(responses.at(-1).response_data); button.textContent = texts.sendAgain; } },
  };
}

/**
 * One input for a render (top level: returns the whole response_data; in a form: the field's value).
 * @returns {{ node: HTMLElement, value: () => ({ value?: any, error?: string }), show?: (data: object) => void }}
 */
function field(spec, texts, topLevel) {
  const id = `field-${++counter}`;
  const label = spec.label || spec.name || "";
  const options = (spec.options ?? []).map(String);
  const missing = { error: format(texts.fieldRequired, { label }) };
  switch (spec.widget) {
    case "single_choice":
    case "multiple_choice":
    case "card_picker": {
      const multiple = spec.widget === "multiple_choice";
      const picker = choice({ legend: label, options, multiple, compact: spec.widget === "card_picker" });
      return {
        node: picker.node,
        value() {
          const chosen = picker.selected();
          if (!chosen.length) return topLevel || spec.required ? { error: texts.pickFirst } : { value: undefined };
          if (!topLevel) return { value: multiple ? chosen.map((i) => options[i]) : options[chosen[0]] };
          if (spec.widget === "card_picker") return { value: { value: options[chosen[0]] } };
          return { value: multiple ? { option_indices: chosen } : { option_index: chosen[0] } };
        },
        show: (data) => picker.select(chosenIndices(data, options)),
      };
    }
    case "scale":
    case "number": {
      const attributes = { id, type: spec.widget === "scale" ? "range" : "number", min: spec.min, max: spec.max, step: spec.step ?? (spec.widget === "scale" ? 1 : "any"), inputmode: "decimal" };
      const input = el("input", attributes);
      const output = spec.widget === "scale" ? el("output", { for: id, class: "scale-value" }) : null;
      if (output) {
        input.value = String(spec.min ?? 0);
        const sync = () => { output.textContent = input.value; };
        input.addEventListener("input", sync);
        sync();
      }
      const scaleHint = spec.min != null && spec.max != null ? el("p", { class: "hint" }, format(texts.between, { min: spec.min, max: spec.max })) : null;
      return {
        node: el("div", { class: "field" }, el("label", { for: id }, label), input, output, scaleHint),
        value() {
          if (input.value === "") return topLevel || spec.required ? missing : { value: undefined };
          const n = Number(input.value);
          return { value: topLevel ? { value: n } : n };
        },
        show: (data) => { const v = topLevel ? data?.value : data; if (v != null) { input.value = String(v); input.dispatchEvent(new Event("input")); } },
      };
    }
    case "toggle": {
      const input = el("input", { id, type: "checkbox" });
      return { node: el("label", { class: "toggle", for: id }, input, el("span", {}, label)), value: () => ({ value: input.checked }), show: (v) => { input.checked = v === true; } };
    }
    case "word_list": {
      const input = el("input", { id, autocomplete: "off" });
      const hint = el("p", { class: "hint" }, format(texts.wordsHint, { max: spec.max_items ?? 3 }));
      return {
        node: el("div", { class: "field" }, el("label", { for: id }, label), input, hint),
        value() {
          const words = input.value.split(",").map((w) => w.trim()).filter(Boolean);
          if (!words.length) return missing;
          return { value: topLevel ? { words } : words };
        },
      };
    }
    case "form": {
      const fields = (spec.fields ?? []).map((f) => ({ spec: f, input: field(f, texts, false) }));
      return {
        node: el("fieldset", { class: "form-fields" }, el("legend", {}, label), fields.map((f) => f.input.node)),
        value() {
          const data = {};
          for (const f of fields) {
            const v = f.input.value();
            if (v.error) return v;
            if (v.value === undefined || v.value === "") { if (f.spec.required) return { error: format(texts.fieldRequired, { label: f.spec.label || f.spec.name }) }; continue; }
            data[f.spec.name] = v.value;
          }
          return { value: data };
        },
        show: (data) => fields.forEach((f) => f.input.show?.(data?.[f.spec.name])),
      };
    }
    case "json": {
      const input = el("textarea", { id, rows: 4, spellcheck: "false" });
      return {
        node: el("div", { class: "field" }, el("label", { for: id }, label), input, el("p", { class: "hint" }, texts.jsonHint)),
        value() {
          try {
            const value = JSON.parse(input.value || "{}");
            return value && typeof value === "object" && !Array.isArray(value) ? { value } : { error: texts.jsonInvalid };
          } catch { return { error: texts.jsonInvalid }; }
        },
      };
    }
    default: { // free_text and anything new
      const input = el("textarea", { id, rows: 3, maxlength: spec.max_length ?? undefined });
      return {
        node: el("div", { class: "field" }, el("label", { for: id }, label), input),
        value() {
          const text = input.value.trim();
          if (!text) return topLevel || spec.required ? missing : { value: undefined };
          return { value: topLevel ? { text } : text };
        },
        show: (data) => { const v = topLevel ? data?.text : data; if (typeof v === "string") input.value = v; },
      };
    }
  }
}
