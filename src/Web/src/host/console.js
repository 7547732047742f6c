// The host console of one session: join code and QR, participants, activities, live results,
// moderation, and ending the session. State comes from connectSession (snapshot + events +
// Results pushes); every change the host makes goes over REST and comes back as an event.
import { el, replace, format } from "../shared/dom.js";
import { ApiError, createApi } from "../shared/api.js";
import { connectSession } from "../shared/connection.js";
import { texts } from "./texts.js";
import { activityList, byOrder } from "./activities.js";
import { addActivitySection } from "./add-activity.js";
import { resultsView, describeView } from "./results-view.js";
import { isQa, isWordCloud } from "./kinds.js";
import { qaModeration, wordModeration } from "./moderation.js";
import { showSummary } from "./summary.js";

export function startConsole(main, sessionId, adminCode, initialSession) {
  const api = createApi({ adminCode });
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

  const joinCode = () => state.session?.join_code ?? state.session?.qr_code;
  const joinUrl = () => `${location.origin}/join/${joinCode()}`;
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
  const pageError = el("p", { class: "error", role: "alert" });
  const joinCard = el("section", { class: "card join-card", "aria-labelledby": "join-heading" });
  const participantsCard = el("section", { class: "card", "aria-labelledby": "participants-heading" });
  const participantsStatus = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const activitiesBody = el("div", {});
  const nextButton = el("button", { type: "button", class: "primary", title: texts.nextHint, onclick: next }, texts.next);
  const nextStatus = el("p", { class: "hint", role: "status", "aria-live": "polite" });
  const resultsBody = el("div", { class: "results-body" });
  const resultsHeading = el("h2", { id: "results-heading" }, texts.resultsHeading);
  const resultsLive = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const moderationBody = el("div", {});
  const moderationError = el("p", { class: "error", role: "alert" });
  const moderationCard = el("section", { class: "card", "aria-labelledby": "moderation-heading", hidden: true },
    el("h2", { id: "moderation-heading" }, texts.moderationHeading), moderationError, moderationBody);

  replace(main,
    el("header", { class: "host-header" },
      el("div", {}, titleNode, el("p", { class: "hint" }, statusNode, " ", format(texts.adminCodeShown, { code: adminCode }))),
      endButton),
    pageError,
    el("div", { class: "host-grid" },
      el("div", { class: "host-side" }, joinCard, participantsCard),
      el("div", { class: "host-main" },
        el("section", { class: "card console-results", "aria-labelledby": "results-heading" },
          el("div", { class: "card-head" }, resultsHeading, nextButton), nextStatus, resultsBody, resultsLive),
        moderationCard,
        el("section", { class: "card", "aria-labelledby": "activities-heading" },
          el("h2", { id: "activities-heading" }, texts.activitiesHeading), activitiesBody),
        addActivitySection({
          api, sessionId,
          nextOrderIndex: () => Math.max(-1, ...ordered().map((a) => a.order_index ?? 0)) + 1,
          onCreated: (activity) => { upsert(activity); renderActivities(); },
        }))));

  // ---- rendering ----
  function renderHeader() {
    titleNode.textContent = state.session?.title ?? "";
    statusNode.textContent = texts.sessionStatus[state.session?.status] ?? state.session?.status ?? "";
    document.title = `${state.session?.title ?? ""} · ${texts.pageTitle}`;
  }

  function renderJoin() {
    const code = joinCode();
    if (!code) return;
    if (joinCard.dataset.code === code) return;
    joinCard.dataset.code = code;
    const url = joinUrl();
    const copyStatus = el("span", { role: "status", class: "ok" });
    replace(joinCard,
      el("h2", { id: "join-heading" }, texts.joinHeading),
      el("p", { class: "join-url" }, format(texts.joinAt, { url: `${location.host}/join` })),
      el("p", { class: "join-code-line" }, el("span", { class: "hint" }, texts.joinCode), " ", el("strong", { class: "join-code", "data-testid": "join-code" }, code)),
      el("img", { class: "qr", src: `/qr/${encodeURIComponent(code)}.svg`, alt: format(texts.qrAlt, { code, url }), width: 320, height: 320 }),
      el("div", { class: "row-actions" },
        el("button", { type: "button", class: "primary", title: texts.presentHint, onclick: () => window.open(`/screen/${encodeURIComponent(code)}`, `conflicto-screen-${code}`, "noopener") }, texts.present),
        el("button", { type: "button", onclick: async () => {
          try { await navigator.clipboard.writeText(url); copyStatus.textContent = texts.copied; } catch { copyStatus.textContent = url; }
        } }, texts.copyLink),
        copyStatus));
  }

  function renderParticipants() {
    const people = [...state.participants.values()].sort((a, b) => String(a.joined_at).localeCompare(String(b.joined_at)));
    const count = el("p", { class: "participant-count", "data-testid": "participant-count" }, format(texts.participantCount, { n: people.length }),
      state.onlineCount !== null ? el("span", { class: "hint" }, ` · ${format(texts.participantOnline, { online: state.onlineCount })}`) : null);
    replace(participantsCard,
      el("h2", { id: "participants-heading" }, texts.participantsHeading),
      count,
      people.length
        ? el("ul", { class: "participant-list", "aria-label": texts.participantsHeading }, people.map((p) =>
          el("li", {}, el("span", {}, p.nickname),
            el("button", { type: "button", class: "small", "aria-label": format(texts.removeLabel, { name: p.nickname }), onclick: () => removeParticipant(p) }, texts.remove))))
        : el("p", { class: "hint" }, texts.noParticipants),
      participantsStatus);
  }

  function renderActivities(focused = document.activeElement?.dataset?.focus) {
    replace(activitiesBody, activityList(ordered(), { currentId: currentActivity()?.id ?? null, shownId: shownActivity()?.id ?? null, errors: state.errors, busy: state.busy },
      { transition, move, remove: deleteActivity, show: (id) => { state.shownId = id; renderActivities(); renderResults(); } }));
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
      moderationCard.hidden = true;
      return;
    }
    const results = state.results.get(activity.id);
    resultsHeading.textContent = `${texts.resultsHeading}: ${activity.title || activity.activity_type}`;
    resultsView(resultsBody, activity, results);
    resultsLive.textContent = describeView(activity, results, state.participants.size);
    renderModeration(activity, results);
  }

  function renderModeration(activity, results) {
    if (isQa(activity)) {
      moderationCard.hidden = false;
      replace(moderationBody, qaModeration(results?.questions ?? [], state.qaFlags, state.decisions, { moderate, setQa }));
    } else if (isWordCloud(activity)) {
      moderationCard.hidden = false;
      if (!state.wordResponses.has(activity.id)) loadWordResponses(activity.id);
      replace(moderationBody, wordModeration(state.wordResponses.get(activity.id), state.decisions, { moderate }));
    } else {
      moderationCard.hidden = true;
    }
  }

  const renderAll = () => { renderHeader(); renderJoin(); renderParticipants(); renderActivities(); };

  // ---- actions ----
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
    nextStatus.textContent = "";
    const list = ordered();
    const current = currentActivity();
    const from = current ? list.indexOf(current) + 1 : 0;
    const upcoming = list.slice(from).find((a) => a.state === "draft" || a.state === "published");
    if (upcoming) { state.shownId = null; await transition(upcoming, "active"); return; }
    if (current) { await transition(current, "expired"); }
    nextStatus.textContent = texts.nothingNext;
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

  function deleteActivity(activity) {
    if (!confirm(format(texts.deleteConfirm, { title: activity.title || activity.activity_type }))) return;
    return act(activity.id, async () => {
      await api.del(`/activities/${activity.id}`);
      state.activities.delete(activity.id);
    });
  }

  async function removeParticipant(p) {
    if (!confirm(format(texts.removeConfirm, { name: p.nickname }))) return;
    try {
      await api.del(`/participants/${p.participant_id}`);
      state.participants.delete(String(p.participant_id));
      participantsStatus.textContent = format(texts.removed, { name: p.nickname });
      renderParticipants();
    } catch (e) { pageError.textContent = reasonOf(e); }
  }

  async function moderate(responseId, decision) {
    moderationError.textContent = "";
    try {
      await api.post(`/responses/${responseId}/moderation`, { decision });
      state.decisions.set(responseId, decision);
      renderResults();
    } catch (e) { moderationError.textContent = format(texts.refused, { reason: reasonOf(e) }); }
  }

  async function setQa(responseId, change) {
    moderationError.textContent = "";
    try {
      const answer = await api.put(`/responses/${responseId}/qa`, change);
      state.qaFlags.set(responseId, { pinned: !!answer?.pinned, answered: !!answer?.answered });
      renderResults();
    } catch (e) { moderationError.textContent = format(texts.refused, { reason: reasonOf(e) }); }
  }

  const loadingWords = new Set();
  async function loadWordResponses(activityId) {
    if (loadingWords.has(activityId)) return;
    loadingWords.add(activityId);
    try {
      const page = await api.get(`/sessions/${sessionId}/activities/${activityId}/responses?limit=500`);
      state.wordResponses.set(activityId, page.responses);
      if (shownActivity()?.id === activityId) renderModeration(shownActivity(), state.results.get(activityId));
    } catch (e) { moderationError.textContent = reasonOf(e); }
    finally { loadingWords.delete(activityId); }
  }
  let wordTimer = null;
  const refreshWordsSoon = (activityId) => {
    if (shownActivity()?.id !== activityId) { state.wordResponses.delete(activityId); return; }
    clearTimeout(wordTimer);
    wordTimer = setTimeout(() => loadWordResponses(activityId), 300);
  };

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
    showSummary(main, { api, sessionId, session: state.session, activities: ordered() });
  }

  // ---- state from the connection ----
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

  function onEvent(e) {
    const d = e.data ?? {};
    switch (e.type) {
      case "session.updated": case "session.status_changed": case "session.created":
        state.session = { ...state.session, ...d };
        if (state.session.status === "completed") { finish(); return; }
        renderHeader();
        return;
      case "activity.created": case "activity.updated": case "activity.state_changed":
        upsert(d);
        if (e.type === "activity.state_changed" && d.state === "active") state.session = { ...state.session, current_activity_id: d.id };
        renderActivities();
        return;
      case "activity.processing":
        if (state.activities.has(d.activity_id)) { upsert({ id: d.activity_id, processing_status: d.processing_status }); renderActivities(); }
        return;
      case "activity.deleted":
        state.activities.delete(d.id);
        renderActivities();
        return;
      case "participant.joined":
        state.participants.set(String(d.participant_id), d);
        participantsStatus.textContent = format(texts.joined, { name: d.nickname });
        renderParticipants();
        return;
      case "participant.left":
        state.participants.delete(String(d.participant_id));
        participantsStatus.textContent = format(texts.left, { name: d.nickname });
        renderParticipants();
        return;
      case "response.added": case "response.updated": case "response.deleted":
        if (isWordCloud(state.activities.get(d.activity_id))) refreshWordsSoon(d.activity_id);
        return;
      case "response.moderated":
        if (d.moderation_override) state.decisions.set(d.id, d.moderation_override);
        if (shownActivity()?.id === d.activity_id) renderResults();
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
    sessionId, adminCode, onSnapshot, onEvent, onResults, onState,
    onPresence: (p) => { state.onlineCount = p.onlineCount; renderParticipants(); },
  });
  renderAll();
  connection.start().catch((e) => { pageError.textContent = format(texts.loadFailed, { id: sessionId, reason: reasonOf(e) }); });
  return connection;
}

export const reasonOf = (e) => (e instanceof ApiError ? e.message : /HubException: \d{3} [^:]*: (.*)$/s.exec(e?.message ?? "")?.[1] ?? e?.message ?? String(e));
