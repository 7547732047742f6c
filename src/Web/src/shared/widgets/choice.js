// A choice between options as big tappable rows (radio or checkbox inputs inside their labels),
// shared by the poll, planning poker and generic widgets.
import { el } from "../dom.js";

let counter = 0;

/**
 * @param {{ legend: string, options: string[], multiple?: boolean, hint?: string, compact?: boolean }} spec
 * @returns {{ node: HTMLFieldSetElement, selected: () => number[], select: (indices: number[]) => void, disable: (disabled: boolean) => void, onChange: (fn: () => void) => void }}
 */
export function choice({ legend, options, multiple = false, hint, compact = false }) {
  const name = `choice-${++counter}`;
  const inputs = options.map((text, index) => el("input", { type: multiple ? "checkbox" : "radio", name, value: String(index), id: `${name}-${index}` }));
  const node = el("fieldset", { class: compact ? "choices cards" : "choices" },
    el("legend", {}, legend),
    hint ? el("p", { class: "hint" }, hint) : null,
    options.map((text, index) => el("label", { class: "choice", for: `${name}-${index}` }, inputs[index], el("span", {}, text))));
  return {
    node,
    selected: () => inputs.filter((i) => i.checked).map((i) => Number(i.value)),
    select: (indices) => inputs.forEach((input, index) => { input.checked = indices.includes(index); }),
    disable: (disabled) => inputs.forEach((input) => { input.disabled = disabled; }),
    onChange: (fn) => inputs.forEach((input) => input.addEventListener("change", fn)),
  };
}

/** The option indices a poll-like response names, whatever shape it was given in. */
export function chosenIndices(responseData, options) {
  if (!responseData) return [];
  const byText = (text) => options.findIndex((o) => o.trim().toLowerCase() === String(text).trim().toLowerCase());
  if (Number.isInteger(responseData.option_index)) return [responseData.option_index];
  if (Array.isArray(responseData.option_indices)) return responseData.option_indices;
  if (typeof responseData.option === "string") return [byText(responseData.option)];
  if (Array.isArray(responseData.selected_options)) return responseData.selected_options.map(byText);
  if (responseData.value !== undefined) return [byText(responseData.value)];
  return [];
}
