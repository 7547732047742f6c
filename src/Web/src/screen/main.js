// The big screen (/screen/{code}): no login. Resolves the join code, follows the session as a
// viewer and shows the lobby (join instructions), the current activity with live results, or
// the thank-you summary; plus the participant count, the connection state and how far behind
// the screen is (see docs/web.md "Big screen").
import { createApi, ApiError } from "../shared/api.js";
import { connectSession, States } from "../shared/connection.js";
import { el, format, replace } from "../shared/dom.js";
import { activityKeeper, isComplete } from "../shared/activities.js";
import { createView } from "./view.js";
import { texts } from "./texts.js";

const StatusEveryMs = 4000;
const StuckPolls = 3; // behind on this many polls in a row, with no progress: reconnect from scratch

const api = createApi();
const main = document.querySelector("main");
const connectionBadge = document.getElementById("connection");
const code = decodeURIComponent(location.pathname.split("/")[2] ?? "").trim().toUpperCase();

replace(main, el("p", { class: "screen-loading", role: "status" }, texts.loading));
start();

async function start() {
  if (!code) return fail(texts.noCode);
  let session;
  for (;;) {
    try {
      session = await api.get(`/sessions/code/${encodeURIComponent(code)}?code_type=join`);
      break;
    } catch (error) {
      if (error instanceof ApiError && ([400, 404, 422].includes(error.status))) return fail(format(texts.wrongCode, { code }));
      replace(main, el("p", { class: "screen-error", role: "alert" }, format(texts.cannotLoad, { reason: error.message })));
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  follow(session);
}

function fail(message) {
  main.classList.add("screen");
  main.dataset.mode = "error";
  replace(main, el("div", { class: "screen-problem" }, el("h1", {}, "Conflicto"), el("p", { class: "screen-error", role: "alert" }, message)));
}

function follow(initial) {
  const view = createView(main, { code, joinUrl: `${location.origin}/join/${code}` });
  const state = {
    session: initial,
    activities: new Map(),
    results: new Map(),
    participants: new Set(),
    count: initial.participant_count ?? 0,
    currentId: initial.current_activity_id ?? null,
  };
  view.setSession(initial);

  const draw = () => {
    view.setCount(state.count);
    if (state.session?.status === "completed") {
      const shown = [...state.activities.values()].filter((a) => !a.redacted && a.state !== "draft")
        .sort((a, b) => (a.order_index ?? 0) - (b.order_index ?? 0));
      return view.showDone({ people: state.count, activities: shown.map((a) => ({ activity: a, results: state.results.get(a.id) })) });
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

  const onSnapshot = (snapshot) => {
    state.session = snapshot.session;
    state.activities.clear(); // the same Map: the activity keeper holds it
    for (const a of snapshot.activities ?? []) state.activities.set(a.id, a);
    state.participants = new Set((snapshot.participants ?? []).map((p) => p.participant_id ?? p.id));
    state.count = snapshot.participantCount ?? state.participants.size;
    state.currentId = snapshot.session?.current_activity_id ?? fallbackCurrent();
    view.setSession(snapshot.session);
    draw();
  };

  // Slim state changes are merged into the activity held; one not held whole is read once.
  const keeper = activityKeeper({ api, activities: state.activities, onFetched: (id) => { if (id === state.currentId) draw(); } });

  /** Applies one event; true when the screen should be drawn again. */
  const applyEvent = (e) => {
    const d = e.data ?? {};
    switch (e.type) {
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

  // A batch is applied whole, then drawn once.
  const onEvents = (batch) => {
    let changed = false;
    for (const e of batch) changed = applyEvent(e) || changed;
    keeper.fetchMissing();
    if (changed) draw();
  };

  const onResults = (r) => {
    state.results.set(r.activityId, r);
    if (r.activityId === state.currentId || state.session?.status === "completed") draw();
  };

  const onPresence = (p) => {
    if (typeof p.participantCount === "number") state.count = p.participantCount;
    draw();
  };

  const onState = (s) => {
    connectionBadge.dataset.state = s;
    connectionBadge.textContent = texts.state[s] ?? s;
  };

  let connection = null;
  async function connect() {
    connection = connectSession({ sessionId: initial.id, joinCode: code, onSnapshot, onEvents, onResults, onPresence, onState });
    try {
      await connection.start();
    } catch (error) {
      // Refused (the code no longer admits viewers): say so, and still show what REST knows.
      onState(States.Offline);
      view.showError(error.message);
    }
  }
  connect();
  watchLag();

  // How far behind the screen is: its last applied seq against the session's, polled. When it
  // stays behind without progress (a push lost on the way), it rejoins from scratch by itself.
  function watchLag() {
    let stuck = 0;
    let lastSeen = -1;
    const tick = async () => {
      try {
        // Only once the screen follows the session: before its first snapshot it is not behind, it is loading.
        if (connection?.state !== States.Connected && connection?.state !== States.Polling) { view.setLag(0, false, true); throw new Error("not following yet"); }
        const status = await api.get(`/sessions/${initial.id}/status`);
        const ours = connection.lastSeq;
        const behind = Math.max(0, (status.last_seq ?? 0) - ours);
        stuck = behind > 0 && ours === lastSeen ? stuck + 1 : 0;
        lastSeen = ours;
        view.setLag(behind, stuck > 0);
        if (stuck >= StuckPolls) {
          stuck = 0;
          const old = connection;
          await old.stop().catch(() => {});
          await connect();
        }
      } catch { /* the status endpoint is unreachable: the connection badge already says so */ }
      setTimeout(tick, StatusEveryMs);
    };
    setTimeout(tick, 1500);
  }
}
