// The integrations card of the host console (docs/web.md "Integrations"): the session's webhook
// endpoints (docs/integrations.md) with their status and progress, the form to add one (its secret
// shown once), and per endpoint its actions and delivery log. Collapsed by default; while it is
// open (and the tab visible) it re-reads the list, and the open delivery logs, every PollMs.
import { el, replace } from "../shared/dom.js";
import { texts } from "./texts.js";
import { refusalOf, webhookForm } from "./webhook-form.js";
import { endpointItem } from "./webhook-endpoint.js";
import { secretBox } from "./webhook-secret.js";

const t = texts.webhooks;
const PollMs = 4000;

/** @param {{ api: object, sessionId: number }} deps */
export function webhooksPanel({ api, sessionId }) {
  const items = new Map();
  const list = el("ul", { class: "webhook-list", "aria-label": t.listLabel, "data-testid": "webhook-list" });
  const empty = el("p", { class: "hint" }, t.loading);
  const error = el("p", { class: "error", role: "alert" });
  const status = el("p", { class: "hint", role: "status", "aria-live": "polite" });
  const secretSlot = el("div", {});
  const announce = (text) => { status.textContent = text; };
  const form = webhookForm({ api, sessionId, onCreated: created });
  const node = el("details", { class: "card webhooks-card", "data-testid": "webhooks-card", ontoggle: toggled },
    el("summary", {}, el("h2", { id: "webhooks-heading" }, t.heading)),
    el("div", { class: "webhooks-card__body" },
      el("p", { class: "hint" }, t.intro), error, status, secretSlot, empty, list, form.node));
  let timer = null;
  let reading = null;

  function toggled() {
    clearTimeout(timer);
    timer = null;
    if (!node.open) return;
    form.load();
    tick();
  }

  /** One poll: the list, then the open delivery logs; the next one while the card stays open. */
  async function tick() {
    clearTimeout(timer);
    if (!node.isConnected || !node.open) return; // closed, or the console ended (the card is gone)
    if (document.visibilityState !== "hidden") {
      await refresh();
      for (const item of items.values()) item.refreshLog();
    }
    if (node.isConnected && node.open) timer = setTimeout(tick, PollMs);
  }

  function refresh() {
    reading ??= api.get(`/sessions/${sessionId}/webhooks`)
      .then((webhooks) => { error.textContent = ""; render(webhooks); })
      .catch((e) => { error.textContent = refusalOf(e); })
      .finally(() => { reading = null; });
    return reading;
  }

  function render(webhooks) {
    const ids = new Set(webhooks.map((w) => w.id));
    for (const [id, item] of items) if (!ids.has(id)) { item.node.remove(); items.delete(id); }
    // Oldest first, as they were added; a node moves only when its place changed (moving one would blur its focus).
    const ordered = [...webhooks].sort((a, b) => String(a.created_at ?? "").localeCompare(String(b.created_at ?? "")));
    ordered.forEach((w, i) => {
      upsert(w);
      const itemNode = items.get(w.id).node;
      if (list.children[i] !== itemNode) list.insertBefore(itemNode, list.children[i] ?? null);
    });
    replace(empty, webhooks.length ? "" : t.none);
    empty.hidden = webhooks.length > 0;
  }

  function upsert(w) {
    const known = items.get(w.id);
    if (known) { known.update(w); return; }
    items.set(w.id, endpointItem({ api, sessionId, webhook: w, announce,
      onDeleted: (id) => { items.get(id)?.node.remove(); items.delete(id); empty.hidden = items.size > 0; replace(empty, items.size ? "" : t.none); } }));
  }

  function created(webhook) {
    const { secret, ...rest } = webhook;
    upsert(rest);
    list.append(items.get(rest.id).node);
    empty.hidden = true;
    const box = secretBox({ heading: t.secretHeading, explanation: t.secretOnce, secret });
    replace(secretSlot, box);
    box.scrollIntoView({ block: "nearest" });
    box.focus();
    refresh();
  }

  return { node };
}
