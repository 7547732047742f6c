// The participant inside a session: follows it (shared/connection.js), shows the current activity
// with its answer widget the moment the host opens it, submits answers (hub, or REST while
// polling) with one idempotency key per answer kept across retries, and shows every ack and
// refusal in live regions. It relies on no other participant's events (protocol v2 sends none):
// what others do reaches it through the Results pushes (and the snapshot's results).
import { el, format, replace } from "../shared/dom.js";
import { ApiError, createApi, hubStatus, reasonOf } from "../shared/api.js";
import { connectSession, States } from "../shared/connection.js";
import { activityKeeper, isComplete } from "../shared/activities.js";
import { answerWidget } from "../shared/widgets/index.js";
import { showsLiveResults, summarize } from "./summary.js";
import { texts } from "./texts.js";
import { activityImage } from "../shared/media.js";

const SubmitTimeoutMs = 10000;

/**
 * @param {HTMLElement} main
 * @param {{ sessionId: number, participantId: number, token: string, nickname: string }} identity
 * @param {{ renamed?: boolean, onGone: (message: string) => void }} options onGone: the identity no longer works (left, removed)
 */
export function showSession(main, identity, { renamed = false, onGone }) {
  const api = createApi({ token: identity.token });
  const me = String(identity.participantId);
  const activities = new Map();
  const results = new Map();
  const mine = new Map(); // activityId → Map(responseId → response)
  let session = null;
  let currentId = null;
  let hadActivity = false;
  let shown = { key: null, widget: null, activity: null };
  let ownLoaded = false;
  let gone = false;
  // Slim state changes are merged into the activity held; one not held whole is read once.
  const keeper = activityKeeper({ api, activities, onFetched: (id) => { if (id === currentId) render(); } });

  const connectionBadge = document.getElementById("connection");
  const title = el("h1", { class: "session-title" });
  const who = el("p", { class: "hint" }, format(texts.youAre, { nickname: identity.nickname }));
  const leave = el("button", { type: "button", class: "leave" }, texts.leave);
  const notice = el("p", { class: "ok", role: "status" }, renamed ? format(texts.renamed, { nickname: identity.nickname }) : "");
  const stage = el("section", { class: "card stage", "aria-live": "polite", "aria-atomic": "false" });
  const saved = el("p", { id: "answer-status", class: "ok answer-status", role: "status", "aria-live": "polite" });
  const refusal = el("p", { id: "answer-error", class: "error", role: "alert" });
  const live = el("section", { class: "card live-results", hidden: true, "aria-labelledby": "results-heading" },
    el("h2", { id: "results-heading" }, texts.resultsHeading), el("p", { id: "results-summary", "aria-live": "polite" }));
  replace(main, el("header", { class: "session-header" }, el("div", {}, title, who), leave), notice, stage, live);

  leave.addEventListener("click", async () => {
    leave.disabled = true;
    try { await api.del(`/participants/${identity.participantId}`); } catch (error) { if (!(error instanceof ApiError && error.status === 401)) { leave.disabled = false; refusal.textContent = error.message; return; } }
    end(texts.left);
  });

  const connection = connectSession({
    sessionId: identity.sessionId,
    token: identity.token,
    onSnapshot(snapshot) {
      session = snapshot.session;
      activities.clear();
      for (const a of snapshot.activities ?? []) if (!a.redacted) activities.set(a.id, a);
      currentId = session?.current_activity_id ?? null;
      loadOwnResponses();
      render();
    },
    onEvents(batch) {
      let changed = false;
      for (const e of batch) changed = applyEvent(e) || changed;
      keeper.fetchMissing();
      if (changed) render();
    },
    onResults(r) {
      results.set(r.activityId, r.results);
      if (r.activityId === currentId) showResults();
    },
    onState(state) {
      connectionBadge.dataset.state = state;
      connectionBadge.textContent = texts.connection[state] ?? state;
    },
    onRevoked(info) {
      end(info.reason === "removed" ? texts.removed : info.reason === "left" ? texts.left : texts.revoked);
    },
  });

  /** Applies one event to the page's state; true when the page should re-render. */
  function applyEvent(e) {
    const d = e.data ?? {};
    switch (e.type) {
      case "session.created": case "session.updated": case "session.status_changed":
        session = { ...session, ...d };
        return true;
      case "activity.created": case "activity.updated": case "activity.state_changed":
        if (d.redacted) { activities.delete(d.id); if (currentId === d.id) currentId = null; return true; }
        keeper.apply(d);
        if (d.state === "active" && e.type === "activity.state_changed") currentId = d.id;
        return true;
      case "activity.processing":
        if (d.processing_status === "completed" && !d.redacted && (d.activity_id ?? d.subject_id)) keeper.refresh(d.activity_id ?? d.subject_id);
        return false;
      case "activity.deleted":
        activities.delete(d.id);
        if (currentId === d.id) currentId = null;
        return true;
      case "response.added": case "response.updated":
        if (String(d.participant_id) === me) ownResponse(d);
        return false;
      case "response.deleted":
        if (String(d.participant_id) === me) mine.get(d.activity_id)?.delete(d.id);
        return false;
      case "participant.left":
        if (String(d.participant_id) === me) end(d.removed_by_host ? texts.removed : texts.left);
        return false;
      default:
        return false;
    }
  }

  // The snapshot lists no responses: the participant's own come from REST once per page load
  // (afterwards every own response arrives as an event with this participant's id).
  async function loadOwnResponses() {
    if (ownLoaded) return;
    ownLoaded = true;
    try {
      const list = await api.get(`/sessions/${identity.sessionId}/participants/${identity.participantId}/responses?limit=1000`);
      for (const r of Array.isArray(list) ? list : list.responses ?? []) ownResponse(r, true);
      const current = currentId && mine.get(currentId);
      if (current?.size && !saved.textContent) saved.textContent = texts.alreadyAnswered;
    } catch { ownLoaded = false; }
  }

  function ownResponse(response, quiet) {
    if (!mine.has(response.activity_id)) mine.set(response.activity_id, new Map());
    mine.get(response.activity_id).set(response.id, response);
    if (response.activity_id === currentId && shown.widget) {
      shown.widget.showAnswered?.([...mine.get(response.activity_id).values()]);
      if (!quiet && !saved.textContent) saved.textContent = texts.saved;
    }
  }

  // The thank-you names the participant's own part, read once from the session's summary.
  const ownPart = el("p", { class: "own-part", "data-testid": "own-part" });
  let ownAsked = false;
  function showOwnPart() {
    if (ownAsked) return;
    ownAsked = true;
    api.get(`/sessions/${identity.sessionId}/summary`).then((summary) => {
      const you = summary.you;
      if (!you) return;
      ownPart.textContent = format(you.activities_answered === 0 ? texts.ownNone : texts.ownPart,
        { answered: you.activities_answered, of: summary.activities.length, responses: you.responses });
    }).catch(() => { ownAsked = false; });
  }

  function render() {
    if (gone) return;
    title.textContent = session?.title ?? "";
    const activity = currentId ? activities.get(currentId) : null;
    if (session?.status === "completed") {
      showOnly(el("div", { class: "ended" }, el("p", { class: "big-message" }, texts.sessionEnded), ownPart), "ended");
      leave.hidden = true;
      showOwnPart();
      return;
    }
    if (activity?.state === "active" && !isComplete(activity)) {
      // Opened, its content on its way (GET /activities/{id}): render() runs again when it lands.
      showOnly(el("p", { class: "big-message waiting" }, texts.widgets.preparing), "preparing");
      return;
    }
    if (!activity || activity.state !== "active") {
      showOnly(el("p", { class: "big-message waiting" }, hadActivity ? texts.waitingNext : texts.waitingFirst), hadActivity ? "waiting-next" : "waiting-first");
      return;
    }
    hadActivity = true;
    notice.textContent = "";
    const key = [activity.id, activity.state, JSON.stringify(activity.configuration ?? {}), JSON.stringify(activity.schema_render?.participant ?? null)].join("|");
    if (shown.key === key) { shown.activity = activity; return; }
    const sameActivity = shown.activity?.id === activity.id;
    const widget = answerWidget(activity, { texts: texts.widgets, submit: (data, localError) => submit(activity, data, localError) });
    shown = { key, widget, activity };
    if (!sameActivity) { saved.textContent = ""; refusal.textContent = ""; }
    const heading = el("h2", { class: "activity-title" }, activity.title || "");
    replace(stage, heading, activityImage(activity), widget.node, saved, refusal);
    const own = mine.get(activity.id);
    if (own?.size) {
      widget.showAnswered?.([...own.values()]);
      if (!saved.textContent) saved.textContent = texts.alreadyAnswered;
    }
    showResults();
  }

  function showOnly(node, key) {
    if (shown.key === key) return;
    shown = { key, widget: null, activity: null };
    replace(stage, node);
    live.hidden = true;
  }

  function showResults() {
    const activity = shown.activity;
    if (!activity || activity.id !== currentId) return;
    const doc = results.get(activity.id);
    shown.widget?.showResults?.(doc);
    const text = showsLiveResults(activity) ? summarize(activity, doc) : "";
    live.hidden = !text;
    document.getElementById("results-summary").textContent = text;
  }

  async function submit(activity, data, localError) {
    saved.textContent = "";
    refusal.textContent = "";
    if (!data) { refusal.textContent = localError; return null; }
    const key = api.newKey();
    saved.textContent = texts.sending;
    // A transport failure leaves it unknown whether the answer was stored, and a 503 (a server
    // shutting down, or briefly without its database) says it was not: retry with the same key
    // (on the hub or over REST), which stores it at most once.
    let unavailable = null;
    for (let attempt = 0; attempt < 5 && !gone; attempt++) {
      try {
        const ack = await send(activity, data, key);
        ownResponse({ id: ack.id, activity_id: activity.id, participant_id: identity.participantId, response_data: data }, true);
        saved.textContent = texts.saved;
        return ack;
      } catch (error) {
        const status = error instanceof ApiError ? error.status : hubStatus(error);
        if (status && status !== 503) {
          saved.textContent = "";
          const reason = reasonOf(error);
          refusal.textContent = format(texts.refused, { reason });
          if (status === 401) end(texts.revoked);
          return null;
        }
        unavailable = status === 503 ? error : null;
        await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
      }
    }
    saved.textContent = "";
    refusal.textContent = unavailable ? format(texts.refused, { reason: reasonOf(unavailable) }) : texts.notSentOffline;
    return null;
  }

  async function send(activity, data, key) {
    if (connection.usesHub) {
      const ack = await withTimeout(connection.invoke("SubmitResponse", activity.id, data, key));
      return { id: ack.responseId, ...ack };
    }
    return api.post(`/sessions/${identity.sessionId}/activities/${activity.id}/responses`, { response_data: data }, { idempotencyKey: key });
  }

  function end(message) {
    if (gone) return;
    gone = true;
    connection.stop().catch(() => {});
    connectionBadge.dataset.state = States.Revoked;
    connectionBadge.textContent = "";
    onGone(message);
  }

  connection.start().catch(() => end(texts.revoked));
  return { stop: () => connection.stop() };
}

const withTimeout = (promise) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), SubmitTimeoutMs))]);
