// The activity list: order, state, response count, processing status, and the buttons that move
// each one (publish / open / close / reopen, up / down, delete). Server refusals show on the card.
import { el, format } from "../shared/dom.js";
import { texts } from "./texts.js";

export const byOrder = (a, b) => (a.order_index ?? 0) - (b.order_index ?? 0) || String(a.created_at).localeCompare(String(b.created_at));

const analysing = (status) => status === "pending" || status === "processing";

/**
 * @param {object[]} ordered activities in order
 * @param {{ currentId: string|null, shownId: string|null, errors: Map<string,string>, busy: Set<string> }} view
 * @param {{ transition: Function, move: Function, remove: Function, show: Function }} actions
 */
export function activityList(ordered, view, actions) {
  if (!ordered.length) return el("p", { class: "hint" }, texts.noActivities);
  return el("ol", { class: "activity-list" }, ordered.map((a, i) => {
    const title = a.title || a.activity_type;
    const state = a.state ?? "draft";
    const busy = view.busy.has(a.id);
    const button = (label, target, extra = {}) => el("button", { type: "button", disabled: busy, dataset: { focus: `${a.id}:${target}` },
      onclick: () => actions.transition(a, target), ...extra }, label);
    const processing = a.processing_status;
    return el("li", { class: `activity state-${state}${a.id === view.currentId ? " is-current" : ""}${a.id === view.shownId ? " is-shown" : ""}`, dataset: { activityId: a.id } },
      el("div", { class: "activity-head" },
        el("span", { class: "order" }, String(i + 1)),
        el("button", { type: "button", class: "link title", dataset: { focus: `${a.id}:show` }, "aria-pressed": String(a.id === view.shownId), onclick: () => actions.show(a.id) }, title),
        el("span", { class: "type" }, texts.types[a.activity_type] ?? a.activity_type)),
      el("div", { class: "activity-meta" },
        el("span", { class: `state-badge state-${state}` }, texts.states[state] ?? state),
        a.id === view.currentId && el("span", { class: "badge accent" }, texts.current),
        el("span", { class: "count" }, format(texts.responses, { n: a.response_count ?? 0 })),
        analysing(processing) ? el("span", { class: "processing", role: "status" }, texts.analysing)
          : processing === "failed" ? el("span", { class: "processing failed" }, texts.processing.failed) : null),
      el("div", { class: "row-actions" },
        state === "draft" && button(texts.publish, "published"),
        (state === "draft" || state === "published") && button(texts.open, "active", { class: "primary" }),
        state === "active" && button(texts.close, "expired"),
        state === "expired" && button(texts.reopen, "reopen"),
        el("button", { type: "button", class: "icon", disabled: busy || i === 0, dataset: { focus: `${a.id}:up` }, "aria-label": format(texts.moveUpLabel, { title }), onclick: () => actions.move(a, -1) }, "↑"),
        el("button", { type: "button", class: "icon", disabled: busy || i === ordered.length - 1, dataset: { focus: `${a.id}:down` }, "aria-label": format(texts.moveDownLabel, { title }), onclick: () => actions.move(a, 1) }, "↓"),
        el("button", { type: "button", class: "danger", disabled: busy, dataset: { focus: `${a.id}:delete` }, onclick: () => actions.remove(a) }, texts.delete)),
      el("p", { class: "error", role: "alert" }, view.errors.get(a.id) ? format(texts.refused, { reason: view.errors.get(a.id) }) : ""));
  }));
}
