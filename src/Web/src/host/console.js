// The host console of one session: lays out the panels (join card, participants, live results,
// moderation, activities) and ends the session. State comes from connectSession (snapshot, batches
// of events, Results and Presence pushes); every change the host makes goes over REST and comes
// back as an event. Each batch is applied whole, then the console re-renders once.
import { el, replace, format } from "../shared/dom.js";
import { createApi, reasonOf } from "../shared/api.js";
import { connectSession } from "../shared/connection.js";
import { activityKeeper } from "../shared/activities.js";
import { texts } from "./texts.js";
import { activityList, byOrder } from "./activities.js";
import { addActivitySection } from "./add-activity.js";
import { resultsView, describeView } from "./results-view.js";
import { isWordCloud } from "./kinds.js";
import { showSummary, replayHref } from "./summary.js";
import { downloadButtons } from "./downloads.js";
import { joinCard } from "./join-card.js";
import { participantsPanel } from "./participants-panel.js";
import { moderationPanel } from "./moderation-panel.js";
import { isOpenText } from "./type-panels.js";
import { activityActions } from "./activity-actions.js";
import { quizStore } from "../shared/quiz-store.js";
import { webhooksPanel } from "./webhooks-panel.js";

export function startConsole(main, sessionId, adminCode, initialSession) {
  const api = createApi({ adminCode });
  quizStore.configure({ act: (id, action) => api.post(`/activities/${id}/quiz/actions`, { action }) });
  const state = {
    session: initialSession,
    activities: new Map(),
    participants: new Map(),
    onlineCount: null,
    results: new Map(),
    shownId: null,
    errors: new Map(),
    busy: new Set(),
    decisions: new Map(),
    qaFlags: new Map(),
    wordResponses: new Map(),
    ended: false,
  };

  const ordered = () => [...state.activities.values()].sort(byOrder);
  const currentActivity = () => {
    const active = ordered().filter((a) => a.state === "active");
    const named = active.find((a) => a.id === state.session?.current_activity_id);
    return active.sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)))[0] ?? named ?? null;
  };
  const shownActivity = () => state.activities.get(state.shownId) ?? currentActivity();

  // ---- layout ----
  const connectionBox = document.getElementById("connection");
  const titleNode = el("h1", {});
  const statusNode = el("span", { class: "badge" });
  const endButton = el("button", { type: "button", class: "danger", onclick: endSession }, texts.end);
  // A menu, not a button: replaying a running session is rare. rel=opener: the new tab gets a copy
  // of this tab's sessionStorage, where the admin code is (noopener, a new tab's default, would not).
  const replayLink = el("a", { target: "_blank", rel: "opener", title: texts.replayHint, "data-testid": "replay-link" }, texts.replaySoFar);
  const moreMenu = el("details", { class: "host-more" }, el("summary", {}, texts.more), el("div", { class: "host-more__items" }, replayLink,
    // The exports, any time: what has been answered so far.
    el("p", { class: "hint host-more__label" }, texts.downloadsSoFar), downloadButtons(`/sessions/${sessionId}/export`, adminCode, { label: texts.downloadsSoFar })));
  const pageError = el("p", { class: "error", role: "alert" });
  const join = joinCard();
  const participants = participantsPanel({ api, state, onError: (text) => { pageError.textContent = text; } });
  const moderation = moderationPanel({ api, sessionId, state, shownActivity, renderResults });
  const nextStatus = el("p", { class: "hint", role: "status", "aria-live": "polite" });
  const actions = activityActions({ api, sessionId, state, ordered, currentActivity, upsert, renderActivities, renderHeader,
    onNothingNext: (text) => { nextStatus.textContent = text; } });
  const activitiesBody = el("div", {});
  const nextButton = el("button", { type: "button", class: "primary", title: texts.nextHint, onclick: actions.next }, texts.next);
  const resultsBody = el("div", { class: "results-body" });
  const resultsHeading = el("h2", { id: "results-heading" }, texts.resultsHeading);
  const resultsLive = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });

  replace(main,
    el("header", { class: "host-header" },
      el("div", {}, titleNode, el("p", { class: "hint" }, statusNode, " ", format(texts.adminCodeShown, { code: adminCode }))),
      el("div", { class: "host-header__actions" }, moreMenu, endButton)),
    pageError,
    // Running the session comes first in the DOM, so on a phone (one column, in this order) the
    // current activity, Next and Close are on the first screen and the tab order matches what is
    // seen; on a wide screen the grid puts the join card and participants in the left column.
    el("div", { class: "host-grid" },
      el("div", { class: "host-main" },
        el("section", { class: "card console-results", "aria-labelledby": "results-heading" },
          el("div", { class: "card-head" }, resultsHeading, nextButton), nextStatus, resultsBody, resultsLive),
        moderation.node,
        el("section", { class: "card", "aria-labelledby": "activities-heading" },
          el("h2", { id: "activities-heading" }, texts.activitiesHeading), activitiesBody)),
      el("div", { class: "host-side" }, join.node, participants.node),
      el("div", { class: "host-add" },
        addActivitySection({
          api, sessionId,
          nextOrderIndex: () => Math.max(-1, ...ordered().map((a) => a.order_index ?? 0)) + 1,
          onCreated: (activity) => { upsert(activity); renderActivities(); },
        }),
        webhooksPanel({ api, sessionId }).node)));

  // ---- rendering ----
  function renderHeader() {
    titleNode.textContent = state.session?.title ?? "";
    replayLink.href = replayHref(state.session) ?? "#";
    statusNode.textContent = texts.sessionStatus[state.session?.status] ?? state.session?.status ?? "";
    document.title = `${state.session?.title ?? ""} · ${texts.pageTitle}`;
  }

  function renderActivities(focused = document.activeElement?.dataset?.focus) {
    replace(activitiesBody, activityList(ordered(), { currentId: currentActivity()?.id ?? null, shownId: shownActivity()?.id ?? null, errors: state.errors, busy: state.busy },
      { ...actions, show: (id) => { state.shownId = id; renderActivities(); renderResults(); } }));
    if (focused) {
      const again = activitiesBody.querySelector(`[data-focus="${CSS.escape(focused)}"]`);
      (again && !again.disabled ? again : activitiesBody.querySelector(`[data-focus^="${CSS.escape(focused.split(":")[0])}"]:not([disabled])`))?.focus();
    }
    renderResults();
  }

  function renderResults() {
    const activity = shownActivity();
    if (!activity) {
      resultsHeading.textContent = texts.resultsHeading;
      replace(resultsBody, el("p", { class: "hint" }, texts.noCurrent));
      moderation.hide();
      return;
    }
    const results = state.results.get(activity.id);
    resultsHeading.textContent = `${texts.resultsHeading}: ${activity.title || activity.activity_type}`;
    resultsView(resultsBody, activity, results);
    resultsLive.textContent = describeView(activity, results, state.participants.size);
    moderation.render(activity, results);
  }

  const renderJoin = () => join.render(state.session?.join_code ?? state.session?.qr_code);
  const renderAll = () => { renderHeader(); renderJoin(); participants.render(); renderActivities(); };

  // ---- ending ----
  async function endSession() {
    if (!confirm(texts.endConfirm)) return;
    endButton.disabled = true;
    try {
      state.session = { ...state.session, ...(await api.put(`/sessions/${sessionId}`, { status: "completed" })) };
      finish();
    } catch (e) { pageError.textContent = reasonOf(e); endButton.disabled = false; }
  }

  function finish() {
    if (state.ended) return;
    state.ended = true;
    connection.stop().catch(() => {});
    showSummary(main, { api, sessionId, session: state.session, activities: ordered(), adminCode });
  }

  // ---- state from the connection ----
  // Activity events are merged into what the console holds (a slim state change keeps the
  // configuration); one it does not hold whole is read once over REST.
  const keeper = activityKeeper({ api, activities: state.activities, onFetched: () => renderActivities() });

  function upsert(activity) {
    if (!activity?.id) return;
    const known = state.activities.get(activity.id);
    state.activities.set(activity.id, { ...known, ...activity });
  }

  function onSnapshot(snapshot) {
    state.session = { ...state.session, ...snapshot.session };
    state.activities.clear();
    for (const a of snapshot.activities ?? []) upsert(a);
    state.participants.clear();
    for (const p of snapshot.participants ?? []) state.participants.set(String(p.participant_id), p);
    if (state.session.status === "completed") { finish(); return; }
    renderAll();
  }

  /** One batch: every event applied to the state, then each part that changed rendered once. */
  function onEvents(batch) {
    const dirty = new Set();
    for (const e of batch) applyEvent(e, dirty);
    if (state.session?.status === "completed") { finish(); return; }
    keeper.fetchMissing();
    if (dirty.has("header")) renderHeader();
    if (dirty.has("activities")) renderActivities();
    else if (dirty.has("results")) renderResults();
  }

  function applyEvent(e, dirty) {
    const d = e.data ?? {};
    switch (e.type) {
      case "session.updated": case "session.status_changed": case "session.created":
        state.session = { ...state.session, ...d };
        dirty.add("header");
        return;
      case "activity.created": case "activity.updated": case "activity.state_changed":
        keeper.apply(d);
        if (e.type === "activity.state_changed" && d.state === "active") state.session = { ...state.session, current_activity_id: d.id };
        dirty.add("activities");
        return;
      case "activity.processing":
        if (state.activities.has(d.activity_id)) { upsert({ id: d.activity_id, processing_status: d.processing_status }); dirty.add("activities"); }
        return;
      case "activity.deleted":
        state.activities.delete(d.id);
        dirty.add("activities");
        return;
      case "participant.joined": {
        const known = state.participants.has(String(d.participant_id));
        state.participants.set(String(d.participant_id), d);
        if (!known) participants.joined(d);
        return;
      }
      case "participant.left":
        if (state.participants.delete(String(d.participant_id))) participants.left(d);
        return;
      case "response.added": case "response.updated": case "response.deleted":
        if (isWordCloud(state.activities.get(d.activity_id)) || isOpenText(state.activities.get(d.activity_id))) moderation.refreshWordsSoon(d.activity_id);
        return;
      case "response.processing": // an open-text answer's enrichment (sentiment, topics) has arrived
        if (isOpenText(state.activities.get(d.activity_id))) moderation.refreshWordsSoon(d.activity_id);
        return;
      case "response.moderated":
        if (d.moderation_override) state.decisions.set(d.id, d.moderation_override);
        if (shownActivity()?.id === d.activity_id) dirty.add("results");
        return;
      default:
    }
  }

  function onResults(r) {
    state.results.set(r.activityId, r.results);
    const activity = state.activities.get(r.activityId);
    if (activity && typeof r.responseCount === "number" && activity.response_count !== r.responseCount) {
      upsert({ id: r.activityId, response_count: r.responseCount });
      renderActivities();
    } else if (shownActivity()?.id === r.activityId) renderResults();
  }

  function onState(value, detail) {
    connectionBox.dataset.state = value;
    connectionBox.textContent = texts.connection[value] ?? value;
    if (detail) connectionBox.title = detail;
  }

  const connection = connectSession({
    sessionId, adminCode, onSnapshot, onEvents, onResults, onState,
    onPresence: (p) => { state.onlineCount = p.onlineCount; participants.renderCount(); },
  });
  renderAll();
  connection.start().catch((e) => { pageError.textContent = format(texts.loadFailed, { id: sessionId, reason: reasonOf(e) }); });
  return connection;
}
