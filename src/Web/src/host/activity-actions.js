// What the activity buttons and Next do over REST: transitions (opening the first activity starts
// the session, a draft is published before it opens), Next, reorder and delete. While a call runs
// the activity's buttons are disabled; a refusal is kept to show on the activity.
import { format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { reasonOf } from "../shared/api.js";

/**
 * @param {{ api: object, sessionId: number, state: object, ordered: () => object[], currentActivity: () => object|null,
 *   upsert: (activity: object) => void, renderActivities: (focused?: string) => void, renderHeader: () => void,
 *   onNothingNext: (text: string) => void }} deps
 */
export function activityActions({ api, sessionId, state, ordered, currentActivity, upsert, renderActivities, renderHeader, onNothingNext }) {
  async function act(activityId, work) {
    // Buttons are disabled while the call runs, which drops the focus: give it back afterwards.
    const focused = document.activeElement?.dataset?.focus;
    state.errors.delete(activityId);
    state.busy.add(activityId);
    renderActivities();
    try { await work(); }
    catch (e) { state.errors.set(activityId, reasonOf(e)); }
    finally { state.busy.delete(activityId); renderActivities(focused); }
  }

  const post = async (activity, target, force = false) => upsert(await api.post(`/activities/${activity.id}/transition`, { target_state: target, ...(force ? { force } : {}) }));

  function transition(activity, target) {
    return act(activity.id, async () => {
      if (target === "reopen") return post(activity, "active", true);
      // Opening the first activity starts the session (draft → active sets started_at).
      if (target === "active" && state.session?.status === "draft") {
        state.session = { ...state.session, ...(await api.put(`/sessions/${sessionId}`, { status: "active" })) };
        renderHeader();
      }
      if (target === "active" && activity.state === "draft") await post(activity, "published");
      await post(state.activities.get(activity.id), target);
    });
  }

  async function next() {
    onNothingNext("");
    const list = ordered();
    const current = currentActivity();
    const from = current ? list.indexOf(current) + 1 : 0;
    const upcoming = list.slice(from).find((a) => a.state === "draft" || a.state === "published");
    if (upcoming) { state.shownId = null; await transition(upcoming, "active"); return; }
    if (current) { await transition(current, "expired"); }
    onNothingNext(texts.nothingNext);
  }

  async function move(activity, delta) {
    const list = ordered();
    const from = list.indexOf(activity);
    const to = from + delta;
    if (to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to], list[from]];
    await act(activity.id, async () => {
      // Positions become 0..n-1 so that equal order_index values cannot keep two in place.
      for (const [i, a] of list.entries()) {
        if (a.order_index === i) continue;
        upsert(await api.put(`/activities/${a.id}`, { order_index: i }));
      }
    });
  }

  function remove(activity) {
    if (!confirm(format(texts.deleteConfirm, { title: activity.title || activity.activity_type }))) return;
    return act(activity.id, async () => {
      await api.del(`/activities/${activity.id}`);
      state.activities.delete(activity.id);
    });
  }

  return { transition, next, move, remove };
}
