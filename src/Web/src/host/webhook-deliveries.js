// The delivery log of one endpoint (GET /sessions/{id}/webhooks/{wid}/deliveries?status=&limit=50,
// newest first): event, status, attempts, last status code, latency, last and next attempt, last
// error, with a status filter. A table on a wide screen; on a phone each row stacks as a card with
// its labels (CSS, .webhook-log). refresh() re-reads it (the card's poll), replacing only the rows.
import { el, replace, format } from "../shared/dom.js";
import { reasonOf } from "../shared/api.js";
import { texts } from "./texts.js";

const t = texts.webhooks;
const Limit = 50;

/** A time as the host reads it: the clock time today, else date and time. */
export function timeText(ts) {
  if (!ts) return t.dash;
  const date = new Date(ts);
  return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

// A long type breaks only after its dots ("activity.<wbr>state_changed"), not inside a word.
const breakable = (text) => text.split(".").flatMap((part, i, all) => (i < all.length - 1 ? [`${part}.`, el("wbr")] : [part]));
const eventOf = (d) => el("span", {}, breakable(d.seq === null || d.seq === undefined ? t.pingEvent : format(t.seqEvent, { seq: d.seq, type: d.event_type })));
const statusClass = { delivered: "ok", failed: "danger", pending: "accent" };

function row(d) {
  const c = t.columns;
  const cell = (label, value, cls) => el("td", { "data-label": label, class: value === null || value === undefined ? `${cls ?? ""} is-empty` : cls }, value ?? t.dash);
  return el("tr", { "data-status": d.status, "data-seq": d.seq ?? "ping" },
    cell(c.event, eventOf(d), "webhook-log__event"),
    cell(c.status, el("span", { class: `badge ${statusClass[d.status] ?? ""}` }, t.deliveryStatus[d.status] ?? d.status)),
    cell(c.attempts, String(d.attempts ?? 0)),
    cell(c.code, d.last_status_code ? String(d.last_status_code) : null),
    cell(c.latency, d.latency_ms !== null && d.latency_ms !== undefined ? format(t.ms, { n: d.latency_ms }) : null),
    cell(c.when, d.last_attempt_at ? timeText(d.last_attempt_at) : null),
    cell(c.next, d.status === "pending" ? timeText(d.next_attempt_at) : null),
    cell(c.error, d.last_error, "webhook-log__error"));
}

/** @param {{ api: object, sessionId: number, webhook: { id: string, url: string } }} deps */
export function deliveryLog({ api, sessionId, webhook }) {
  const filterId = `webhook-filter-${webhook.id}`;
  const filter = el("select", { id: filterId, onchange: () => refresh() },
    Object.entries(t.filters).map(([value, label]) => el("option", { value }, label)));
  const body = el("tbody", {});
  const empty = el("p", { class: "hint", hidden: true }, t.noDeliveries);
  const error = el("p", { class: "error", role: "alert" });
  const updated = el("span", { class: "hint", "aria-live": "off" });
  const c = t.columns;
  const table = el("table", { class: "webhook-log__table" },
    el("caption", { class: "visually-hidden" }, format(t.logHeading, { url: webhook.url })),
    el("thead", {}, el("tr", {}, [c.event, c.status, c.attempts, c.code, c.latency, c.when, c.next, c.error].map((h) => el("th", { scope: "col" }, h)))),
    body);
  const node = el("section", { class: "webhook-log", "aria-label": format(t.logHeading, { url: webhook.url }), "data-testid": "webhook-log" },
    el("div", { class: "webhook-log__head" },
      el("h4", {}, t.deliveries),
      el("span", { class: "webhook-log__filter" }, el("label", { for: filterId }, t.filterLabel), filter), updated),
    error, empty, el("div", { class: "webhook-log__scroll" }, table));
  let reading = null;

  async function refresh() {
    if (reading) return reading;
    const status = filter.value;
    reading = (async () => {
      try {
        const list = await api.get(`/sessions/${sessionId}/webhooks/${webhook.id}/deliveries?${status ? `status=${status}&` : ""}limit=${Limit}`);
        if (status !== filter.value) return; // the filter changed while reading: the next read shows it
        error.textContent = "";
        replace(body, list.map(row));
        empty.hidden = list.length > 0;
        table.hidden = list.length === 0;
        updated.textContent = format(t.refreshed, { time: new Date().toLocaleTimeString() });
      } catch (e) { error.textContent = reasonOf(e); }
    })().finally(() => { reading = null; if (status !== filter.value) refresh(); });
    return reading;
  }

  return { node, refresh };
}
