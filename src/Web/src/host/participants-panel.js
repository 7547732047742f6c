// The participants card: a live count (and how many are online), the list in joining order, and
// Remove (after a confirm). Joins and leaves are announced in a polite live region.
import { el, replace, format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { reasonOf } from "../shared/api.js";

/**
 * @param {{ api: object, state: { participants: Map<string, object>, onlineCount: number|null }, onError: (text: string) => void }} deps
 */
export function participantsPanel({ api, state, onError }) {
  const node = el("section", { class: "card", "aria-labelledby": "participants-heading" });
  const status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });

  function render() {
    const people = [...state.participants.values()].sort((a, b) => String(a.joined_at).localeCompare(String(b.joined_at)));
    const count = el("p", { class: "participant-count", "data-testid": "participant-count" }, format(texts.participantCount, { n: people.length }),
      state.onlineCount !== null ? el("span", { class: "hint" }, ` · ${format(texts.participantOnline, { online: state.onlineCount })}`) : null);
    replace(node,
      el("h2", { id: "participants-heading" }, texts.participantsHeading),
      count,
      people.length
        ? el("ul", { class: "participant-list", "aria-label": texts.participantsHeading }, people.map((p) =>
          el("li", {}, el("span", {}, p.nickname),
            el("button", { type: "button", class: "small", "aria-label": format(texts.removeLabel, { name: p.nickname }), onclick: () => remove(p) }, texts.remove))))
        : el("p", { class: "hint" }, texts.noParticipants),
      status);
  }

  async function remove(p) {
    if (!confirm(format(texts.removeConfirm, { name: p.nickname }))) return;
    try {
      await api.del(`/participants/${p.participant_id}`);
      state.participants.delete(String(p.participant_id));
      announce(format(texts.removed, { name: p.nickname }));
      render();
    } catch (e) { onError(reasonOf(e)); }
  }

  function announce(text) { status.textContent = text; }

  return { node, render, announce };
}
