// A webhook secret, shown once (after an endpoint is added or its secret rotated): the secret in a
// read-only field (select it by hand if the clipboard is refused), Copy, and "I have stored it",
// which removes the box and drops the secret. Nothing keeps the secret anywhere else.
import { el } from "../shared/dom.js";
import { texts } from "./texts.js";

const t = texts.webhooks;
let uid = 0;

/**
 * @param {{ heading: string, explanation: string, secret: string, onDone?: () => void }} options
 * @returns {HTMLElement} the box; call .focus() on it once it is in the page
 */
export function secretBox({ heading, explanation, secret, onDone }) {
  const id = `webhook-secret-${++uid}`;
  const status = el("span", { class: "ok", role: "status" });
  const field = el("input", { id, class: "webhook-secret__value", type: "text", readonly: true, value: secret, spellcheck: "false", autocomplete: "off", "data-testid": "webhook-secret" });
  field.addEventListener("focus", () => field.select());
  const box = el("div", { class: "webhook-secret", role: "group", tabindex: "-1", "aria-labelledby": `${id}-heading` },
    el("h3", { id: `${id}-heading` }, heading),
    el("p", { class: "webhook-secret__once" }, explanation),
    el("label", { for: id, class: "visually-hidden" }, heading),
    field,
    el("div", { class: "row-actions" },
      el("button", { type: "button", class: "primary", onclick: async () => {
        try { await navigator.clipboard.writeText(secret); status.textContent = t.copied; } catch { field.focus(); status.textContent = t.copyFailed; }
      } }, t.copy),
      el("button", { type: "button", onclick: () => { field.value = ""; box.remove(); onDone?.(); } }, t.secretDone),
      status));
  return box;
}
