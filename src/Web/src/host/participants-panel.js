// The participants card: a live count (and how many are online), the list in joining order, and
// Remove (after a confirm). The count follows every batch of joins and leaves at once; the list is
// re-rendered at most every ListEveryMs however many people arrive (a join storm of thousands
// re-renders it a few times, not once per person) and shows the first ListShown people plus
// "and N more", so a large room stays cheap. Joins and leaves are announced in a polite live
// region, summed up per re-render.
import { el, replace, format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { reasonOf } from "../shared/api.js";

const ListEveryMs = 300;
const ListShown = 200;

const byJoining = (a, b) => {
  const x = String(a.joined_at ?? ""), y = String(b.joined_at ?? "");
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * @param {{ api: object, state: { participants: Map<string, object>, onlineCount: number|null }, onError: (text: string) => void }} deps
 */
export function participantsPanel({ api, state, onError }) {
  const count = el("p", { class: "participant-count", "data-testid": "participant-count" });
  // data-renders counts the list's re-renders (the browser tests check that a burst is coalesced).
  const list = el("div", { class: "participant-list-box", "data-testid": "participant-list", "data-renders": "0" });
  const status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const node = el("section", { class: "card", "aria-labelledby": "participants-heading" },
    el("h2", { id: "participants-heading" }, texts.participantsHeading), count, list, status);
  let renders = 0;
  let timer = null;
  let lastRender = -Infinity;
  let arrived = [];
  let departed = [];

  function renderCount() {
    replace(count, format(texts.participantCount, { n: state.participants.size }),
      state.onlineCount !== null ? el("span", { class: "hint" }, ` · ${format(texts.participantOnline, { online: state.onlineCount })}`) : null);
  }

  function renderList() {
    clearTimeout(timer);
    timer = null;
    lastRender = performance.now();
    list.dataset.renders = String(++renders);
    const people = [...state.participants.values()].sort(byJoining);
    const more = people.length - ListShown;
    replace(list,
      people.length
        ? el("ul", { class: "participant-list", "aria-label": texts.participantsHeading }, people.slice(0, ListShown).map((p) =>
          el("li", {}, el("span", {}, p.nickname),
            el("button", { type: "button", class: "small", "aria-label": format(texts.removeLabel, { name: p.nickname }), onclick: () => remove(p) }, texts.remove))))
        : el("p", { class: "hint" }, texts.noParticipants),
      more > 0 ? el("p", { class: "hint participant-more" }, format(texts.participantsMore, { n: more.toLocaleString() })) : null);
    announceChanges();
  }

  function announceChanges() {
    const parts = [];
    if (arrived.length === 1) parts.push(format(texts.joined, { name: arrived[0] }));
    else if (arrived.length > 1) parts.push(format(texts.joinedMany, { n: arrived.length }));
    if (departed.length === 1) parts.push(format(texts.left, { name: departed[0] }));
    else if (departed.length > 1) parts.push(format(texts.leftMany, { n: departed.length }));
    arrived = [];
    departed = [];
    if (parts.length) status.textContent = parts.join(", ");
  }

  /** The count now; the list at the next re-render (at most every ListEveryMs). */
  function changed() {
    renderCount();
    if (timer) return;
    timer = setTimeout(renderList, Math.max(0, lastRender + ListEveryMs - performance.now()));
  }

  /** Everything at once (a snapshot, the first render). */
  function render() {
    renderCount();
    renderList();
  }

  async function remove(p) {
    if (!confirm(format(texts.removeConfirm, { name: p.nickname }))) return;
    try {
      await api.del(`/participants/${p.participant_id}`);
      state.participants.delete(String(p.participant_id));
      status.textContent = format(texts.removed, { name: p.nickname });
      changed();
    } catch (e) { onError(reasonOf(e)); }
  }

  return {
    node,
    render,
    /** Online counts changed (Presence): only the count line. */
    renderCount,
    /** A participant joined (already in state.participants). */
    joined(p) { arrived.push(p.nickname); changed(); },
    /** A participant left (already out of state.participants). */
    left(p) { departed.push(p.nickname); changed(); },
  };
}
