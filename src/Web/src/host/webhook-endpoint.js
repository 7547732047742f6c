// One endpoint in the integrations card: its URL, status (and why it is disabled), scope, events,
// how far it has acknowledged ("caught up" / "N behind"), failures, and its actions: send a test
// ping, disable / enable, rotate the secret (the new one shown once), the delivery log, delete.
// Drawn once per endpoint and updated in place by update(), so a poll never moves the focus.
import { el, replace, format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { refusalOf } from "./webhook-form.js";
import { deliveryLog, timeText } from "./webhook-deliveries.js";
import { secretBox } from "./webhook-secret.js";

const t = texts.webhooks;

/**
 * @param {{ api: object, sessionId: number, webhook: object, onDeleted: (id: string) => void,
 *           announce: (text: string) => void }} deps
 */
export function endpointItem({ api, sessionId, webhook, onDeleted, announce }) {
  const base = `/sessions/${sessionId}/webhooks/${webhook.id}`;
  let current = webhook;
  let log = null;
  const url = el("strong", { class: "webhook__url" });
  const status = el("span", { class: "badge" });
  const scope = el("span", { class: "badge" });
  const description = el("p", { class: "webhook__description" });
  const reason = el("p", { class: "error webhook__reason" });
  const progress = el("p", { class: "webhook__progress", "data-testid": "webhook-progress" });
  const details = el("p", { class: "hint webhook__details" });
  const error = el("p", { class: "error", role: "alert" });
  const secretSlot = el("div", {});
  const logSlot = el("div", {});
  const button = (text, onclick, attributes = {}) => el("button", { type: "button", class: "small", onclick, ...attributes }, text);
  const toggle = button(t.disable, () => act(current.status === "disabled" ? "enable" : "disable"));
  const logButton = button(t.deliveries, toggleLog, { "aria-expanded": "false" });

  async function act(action) {
    error.textContent = "";
    toggle.disabled = true;
    try {
      const changed = await api.post(`${base}/${action}`);
      update(changed);
      announce(action === "enable" ? format(t.enabled, { seq: changed.last_acked_seq ?? 0 }) : t.disabledNow);
    } catch (e) { error.textContent = refusalOf(e); }
    finally { toggle.disabled = false; }
  }

  async function ping() {
    error.textContent = "";
    try {
      await api.post(`${base}/ping`);
      announce(format(t.pingSent, { url: current.url }));
      if (log) setTimeout(readWithLog, 800);
    } catch (e) { error.textContent = refusalOf(e); }
  }

  async function rotate() {
    if (!confirm(format(t.rotateConfirm, { url: current.url }))) return;
    error.textContent = "";
    try {
      const answer = await api.post(`${base}/rotate-secret`);
      const box = secretBox({ heading: t.rotatedHeading, secret: answer.secret,
        explanation: format(t.rotatedGrace, { time: timeText(answer.previous_secret_expires_at) }) });
      replace(secretSlot, box);
      box.focus();
    } catch (e) { error.textContent = refusalOf(e); }
  }

  async function remove() {
    if (!confirm(format(t.removeConfirm, { url: current.url }))) return;
    error.textContent = "";
    try {
      await api.del(base);
      onDeleted(current.id);
      announce(format(t.removed, { url: current.url }));
    } catch (e) { error.textContent = refusalOf(e); }
  }

  function toggleLog() {
    if (log) { log = null; replace(logSlot); logButton.textContent = t.deliveries; logButton.setAttribute("aria-expanded", "false"); return; }
    log = deliveryLog({ api, sessionId, webhook: current });
    replace(logSlot, log.node);
    logButton.textContent = t.hideDeliveries;
    logButton.setAttribute("aria-expanded", "true");
    readWithLog();
  }

  /** The log and this endpoint's summary line, read together so the card never shows deliveries its summary has not heard of. */
  function readWithLog() {
    log?.refresh();
    api.get(base).then((w) => { if (node.isConnected) update(w); }).catch((e) => { error.textContent = refusalOf(e); });
  }

  function update(w) {
    current = w;
    const behind = Math.max(0, (w.latest_seq ?? 0) - (w.last_acked_seq ?? 0));
    const disabled = w.status === "disabled";
    node.dataset.status = w.status;
    url.textContent = w.url;
    status.textContent = t.status[w.status] ?? w.status;
    status.className = `badge ${disabled ? "danger" : "ok"}`;
    scope.textContent = t.scopeShort[w.scope] ?? w.scope;
    scope.className = `badge ${w.scope === "host" ? "accent" : ""}`;
    description.textContent = w.description ?? "";
    description.hidden = !w.description;
    reason.textContent = disabled && w.disabled_reason ? format(t.disabledBecause, { reason: w.disabled_reason }) : "";
    progress.textContent = behind === 0 ? format(t.caughtUp, { seq: w.last_acked_seq ?? 0 })
      : format(t.behind, { n: behind, acked: w.last_acked_seq ?? 0, latest: w.latest_seq ?? 0 });
    progress.className = `webhook__progress ${behind === 0 ? "ok" : ""}`;
    const events = (w.events ?? []).includes("*") ? t.allEvents : (w.events ?? []).join(", ");
    details.textContent = [format(t.eventsLabel, { list: events }),
      w.consecutive_failures ? format(t.failures, { n: w.consecutive_failures }) : null,
      w.secret_hint ? format(t.secretHint, { hint: w.secret_hint }) : null,
      w.last_delivery_at ? format(t.lastDelivery, { time: timeText(w.last_delivery_at) }) : t.never].filter(Boolean).join(" · ");
    toggle.textContent = disabled ? t.enable : t.disable;
    if (toggle.dataset.primed !== String(disabled)) { toggle.dataset.primed = String(disabled); toggle.classList.toggle("primary", disabled); }
  }

  const node = el("li", { class: "webhook", "data-webhook-id": webhook.id },
    el("div", { class: "webhook__head" }, url, status, scope),
    description, reason, progress, details,
    el("div", { class: "row-actions", role: "group", "aria-label": format(t.actionsLabel, { url: webhook.url }) },
      button(t.ping, ping), toggle, button(t.rotate, rotate), logButton, button(t.remove, remove, { class: "small danger" })),
    error, secretSlot, logSlot);
  update(webhook);

  return { node, update, refreshLog: () => log?.refresh(), id: webhook.id };
}
