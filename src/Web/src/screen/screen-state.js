// What the big screen knows of its session, and how a snapshot, a batch of events, a Results
// document and a Presence push change it; every change is drawn through the view. The live screen
// feeds it from the connection, the replay from a recording (screen/replay.js): one path for both,
// so a replay draws exactly what the room saw.
import { activityKeeper, isComplete } from "../shared/activities.js";

export function createScreenState(view, { api, initial }) {
  const state = {
    session: initial,
    activities: new Map(),
    results: new Map(),
    participants: new Set(),
    count: initial?.participant_count ?? 0,
    currentId: initial?.current_activity_id ?? null,
    summary: null,
    summaryAsked: false,
  };
  // A screen that joins after the session.summary event reads the summary once over REST (as a viewer).
  const askSummary = () => {
    const code = initial?.join_code ?? initial?.qr_code;
    if (state.summaryAsked || state.summary || !code || !api) return;
    state.summaryAsked = true;
    api.get(`/sessions/${initial.id}/summary?join_code=${encodeURIComponent(code)}`)
      .then((s) => { if (!state.summary) { state.summary = s; draw(); } }).catch(() => {});
  };
  view.setSession(initial);

  const draw = () => {
    view.setCount(state.count);
    if (state.session?.status === "completed") {
      const shown = [...state.activities.values()].filter((a) => !a.redacted && a.state !== "draft")
        .sort((a, b) => (a.order_index ?? 0) - (b.order_index ?? 0));
      if (!state.summary) askSummary();
      return view.showDone({ people: state.count, activities: shown.map((a) => ({ activity: a, results: state.results.get(a.id) })), summary: state.summary });
    }
    const current = state.currentId ? state.activities.get(state.currentId) : null;
    // An activity whose content is still on its way (a slim state change) keeps the lobby a moment.
    if (isComplete(current)) view.showActivity(current, state.results.get(current.id), { present: state.count });
    else view.setMode("lobby");
  };

  // The activity to show when the session names none: the one closed most recently, so a
  // refreshed screen keeps the final results the room was looking at.
  const fallbackCurrent = () => {
    const open = [...state.activities.values()].filter((a) => a.state === "active")
      .sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)));
    if (open.length) return open[0].id;
    const closed = [...state.activities.values()].filter((a) => a.state === "expired" && a.completed_at)
      .sort((a, b) => String(b.completed_at).localeCompare(String(a.completed_at)));
    return closed[0]?.id ?? null;
  };

  // Slim state changes are merged into the activity held; one not held whole is read once.
  const keeper = activityKeeper({ api, activities: state.activities, onFetched: (id) => { if (id === state.currentId) draw(); } });

  /** Applies one event; true when the screen should be drawn again. */
  const applyEvent = (e) => {
    const d = e.data ?? {};
    switch (e.type) {
      case "session.summary":
        state.summary = d;
        return true;
      case "session.created": case "session.updated": case "session.status_changed":
        state.session = { ...state.session, ...d };
        view.setSession(state.session);
        return true;
      case "activity.created": case "activity.updated": case "activity.state_changed":
        keeper.apply(d);
        if (d.state === "active" && e.type === "activity.state_changed") state.currentId = d.id;
        else if (d.id === state.currentId && (d.redacted || d.state === "draft" || d.state === "published")) state.currentId = fallbackCurrent();
        return true;
      case "activity.deleted":
        state.activities.delete(d.id);
        state.results.delete(d.id);
        if (d.id === state.currentId) state.currentId = fallbackCurrent();
        return true;
      case "participant.joined":
        if (!state.participants.has(d.participant_id)) { state.participants.add(d.participant_id); state.count += 1; }
        return true;
      case "participant.left":
        if (state.participants.delete(d.participant_id)) state.count = Math.max(0, state.count - 1);
        return true;
      default:
        return false;
    }
  };

  return {
    state,
    draw,
    onSnapshot(snapshot) {
      state.session = snapshot.session;
      state.activities.clear(); // the same Map: the activity keeper holds it
      for (const a of snapshot.activities ?? []) state.activities.set(a.id, a);
      state.participants = new Set((snapshot.participants ?? []).map((p) => p.participant_id ?? p.id));
      state.count = snapshot.participantCount ?? state.participants.size;
      state.currentId = snapshot.session?.current_activity_id ?? fallbackCurrent();
      view.setSession(snapshot.session);
      draw();
    },
    /** A batch is applied whole, then drawn once. */
    onEvents(batch) {
      let changed = false;
      for (const e of batch) changed = applyEvent(e) || changed;
      keeper.fetchMissing();
      if (changed) draw();
    },
    /** Recorded events with the Results documents due with them, applied together and drawn once (a replay's step). */
    onRecorded(events, results) {
      for (const e of events) applyEvent(e);
      for (const r of results) state.results.set(r.activityId, r);
      draw();
    },
    onResults(r) {
      state.results.set(r.activityId, r);
      if (r.activityId === state.currentId || state.session?.status === "completed") draw();
    },
    onPresence(p) {
      if (typeof p.participantCount === "number") state.count = p.participantCount;
      draw();
    },
  };
}
