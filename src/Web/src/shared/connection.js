// The one implementation of the client protocol of docs/realtime.md ("The client protocol"),
// version 2: join asking for `version: 2`, apply the snapshot / replayed events / buffered live
// events in seq order, each once, and after any reconnect (to any node) join again. Events come
// as batches: `Events(envelopes[])` (v2) or `Event(envelope)` (v1, a batch of one). The v2 rule for
// each envelope (one without prevSeq has prevSeq = seq - 1): seq <= lastSeq is a duplicate, dropped;
// prevSeq > lastSeq is a gap, resync with afterSeq = lastSeq; else apply and lastSeq = seq. A page
// is handed each batch once (onEvents), so it re-renders once per batch, not once per event.
// When the hub cannot be reached (blocked, or down for longer than the automatic reconnect tries),
// the page follows the same session over REST long polling (GET /sessions/{id}/events?after=&wait=)
// and goes back to the hub as soon as it answers again. A node that shuts down sends `Reconnect`:
// the page leaves it and connects again at once (a little jitter), to another node, from lastSeq.
import * as signalR from "@microsoft/signalr";
import { ApiError, createApi, hubStatus } from "./api.js";
import { restSnapshot } from "./rest-snapshot.js";
import { quizStore } from "./quiz-store.js";

/** Connection states shown to people: connecting, connected, reconnecting, polling (REST fallback), offline, revoked. */
export const States = Object.freeze({
  Connecting: "connecting",
  Connected: "connected",
  Reconnecting: "reconnecting",
  Polling: "polling",
  Offline: "offline",
  Revoked: "revoked",
});

/** The hub stream protocol this client speaks (docs/realtime.md); a v1 server ignores it and sends `Event`. */
export const ProtocolVersion = 2;

// Automatic reconnect: quick first tries, then give the hub up to ~30 s before falling back to REST.
const RetryDelays = [0, 1000, 2000, 3000, 4000, 4000, 4000, 4000, 4000, 4000];
// Added at random to every reconnect, so the audience of a node that stopped (or asked its clients
// to move, see Reconnect) does not arrive on the other nodes in the same millisecond.
const ReconnectJitterMs = 500;
const jittered = (ms) => ms + Math.floor(Math.random() * ReconnectJitterMs);
const HubRetryWhilePollingMs = 10000;
// Long-poll waits: short while an activity is open (its results change without an event this role
// sees), long otherwise.
const OpenPollWaitS = 3;
const IdlePollWaitS = 10;
// The events whose data is an activity (or a stub of one): they say which activities are open.
const ActivityEvents = new Set(["activity.created", "activity.updated", "activity.state_changed", "activity.deleted"]);
// Gaps found in a row before the page starts again from a snapshot instead of a replay.
const MaxGapResyncs = 3;

/**
 * An envelope in the hub's shape whichever way it came (hub camelCase or REST snake_case), with its
 * prevSeq: the seq before it in this receiver's stream (seq - 1 when the server does not say).
 */
export function envelopeOf(raw, sessionId) {
  const prevSeq = raw.prevSeq ?? raw.prev_seq;
  return {
    sessionId: raw.sessionId ?? raw.session_id ?? sessionId,
    seq: raw.seq,
    prevSeq: typeof prevSeq === "number" ? prevSeq : raw.seq - 1,
    type: raw.type,
    at: raw.at,
    data: raw.data,
  };
}

/**
 * Follows one session as one role.
 * @param {object} options
 * @param {number} options.sessionId
 * @param {string} [options.adminCode]  host
 * @param {string} [options.token]      participant token
 * @param {string} [options.joinCode]   viewer (big screen)
 * @param {(snapshot: object) => void} options.onSnapshot  the whole state: replace what is shown
 * @param {(events: object[]) => void} [options.onEvents]  a batch of events, in seq order, each once: apply all, then render once
 * @param {(event: object) => void} [options.onEvent]     one event (used when onEvents is not given)
 * @param {(results: object) => void} [options.onResults]  a Results document, never older than the one shown
 * @param {(presence: object) => void} [options.onPresence]
 * @param {(state: string, detail?: string) => void} [options.onState]
 * @param {(info: {reason: string, message?: string}) => void} [options.onRevoked]  the credential no longer works: the page says why; nothing reconnects
 */
export function connectSession(options) {
  const { sessionId, adminCode, token, joinCode } = options;
  const api = createApi({ adminCode, token });
  const resultsSeq = new Map();
  const resultsEtags = new Map(); // activityId → ETag of the results last read over REST
  const openIds = new Set(); // ids of the active activities: their results are polled over REST
  const early = [];
  let lastSeq = 0;
  let haveState = false; // a snapshot was applied (hub or REST): polling may continue from lastSeq
  let joined = false;
  let state = null;
  let stopped = false;
  let polling = null;
  let wake = null; // resolves the polling loop's pause early (the browser came back online)
  let hubNow = false; // back online: try the hub at once instead of waiting for the next try
  let moving = false; // the server asked this client to reconnect elsewhere (Reconnect)

  const setState = (next, detail) => {
    if (state === next || (stopped && next !== States.Revoked)) return;
    state = next;
    options.onState?.(next, detail);
  };

  const showResults = (r) => {
    if ((resultsSeq.get(r.activityId) ?? -1) > r.asOfSeq) return;
    resultsSeq.set(r.activityId, r.asOfSeq);
    options.onResults?.(r);
  };

  const takeSnapshot = (snapshot) => {
    openIds.clear();
    for (const a of snapshot.activities ?? []) if (a.state === "active") openIds.add(a.id);
    quizStore.fromSnapshot(snapshot.quizzes);
    options.onSnapshot(snapshot);
  };

  const deliver = (events) => {
    if (!events.length) return;
    for (const e of events) {
      if (!ActivityEvents.has(e.type) || !e.data?.id) continue;
      if (e.data.state === "active") openIds.add(e.data.id);
      else if (e.data.state || e.type === "activity.deleted") openIds.delete(e.data.id);
    }
    for (const e of events) if (e.type === "quiz.updated") quizStore.apply(e.data);
    if (options.onEvents) options.onEvents(events);
    else events.forEach((e) => options.onEvent(e));
  };

  // Applies a batch by the v2 rule; returns true when it found a gap (the rest of the batch is
  // left for the resync, which returns it in the replay).
  const applyBatch = (envelopes) => {
    const applied = [];
    let gap = false;
    for (const raw of envelopes) {
      const e = envelopeOf(raw, sessionId);
      if (e.seq <= lastSeq) continue;
      if (e.prevSeq > lastSeq) { gap = true; break; }
      lastSeq = e.seq;
      applied.push(e);
    }
    deliver(applied);
    return gap;
  };

  const receive = (envelopes) => {
    if (!joined) { early.push(...envelopes); return; }
    if (applyBatch(envelopes)) resync().catch(onJoinFailure);
  };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/session", { accessTokenFactory: () => adminCode || token || "" })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => (ctx.previousRetryCount < RetryDelays.length ? jittered(RetryDelays[ctx.previousRetryCount]) : null) })
    .withStatefulReconnect()
    .build();

  connection.on("Events", (envelopes) => receive(envelopes ?? []));
  connection.on("Event", (e) => receive([e]));
  connection.on("Results", showResults);
  connection.on("Presence", (p) => options.onPresence?.(p));
  connection.on("Revoked", (r) => revoke(r));
  connection.on("Reconnect", () => move());
  connection.onreconnecting(() => setState(navigator.onLine === false ? States.Offline : States.Reconnecting));
  connection.onreconnected(() => resync().catch(onJoinFailure));
  connection.onclose(() => { if (stopped) return; if (moving) reconnectElsewhere(); else startPolling(); });

  // The node is shutting down and asked its clients to move: leave it now and connect again
  // (through the load balancer, to another node), resuming from lastSeq. The page shows
  // "Reconnecting…" meanwhile, as for any brief network hiccup.
  function move() {
    if (moving || stopped) return;
    moving = true;
    setState(States.Reconnecting);
    connection.stop().catch(() => {});
  }

  async function reconnectElsewhere() {
    for (const delay of RetryDelays) {
      await pause(jittered(delay));
      if (stopped || await backToHub()) break;
    }
    moving = false;
    if (!stopped && state !== States.Connected) startPolling();
  }

  function revoke(info) {
    if (stopped && state === States.Revoked) return;
    stopped = true;
    setState(States.Revoked, info?.message);
    options.onRevoked?.(info ?? { reason: "revoked" });
    wake?.();
    connection.stop().catch(() => {});
  }

  // A join refused with 401 means the credential is gone (left or removed while away);
  // anything else: leave the hub and follow over REST until it answers again.
  function onJoinFailure(error) {
    if (hubStatus(error) === 401) { revoke({ reason: "revoked" }); return; }
    if (connection.state === signalR.HubConnectionState.Connected) connection.stop().catch(() => {});
    else startPolling();
  }

  // One join at a time. A gap found while joining (in the replay or in what arrived meanwhile)
  // joins again from the new lastSeq; after MaxGapResyncs in a row, once from a fresh snapshot
  // (and if even that leaves a hole, the next live event asks again: never a tight loop).
  let resyncing = null;
  function resync() {
    resyncing ??= (async () => {
      for (let attempt = 0; attempt <= MaxGapResyncs; attempt++) {
        joined = false;
        resultsSeq.clear();
        const fresh = attempt >= MaxGapResyncs;
        const answer = await connection.invoke("JoinSession",
          { sessionId, afterSeq: fresh ? null : lastSeq || null, joinCode: joinCode ?? null, version: ProtocolVersion });
        if (!answer.recovered || !haveState || fresh) {
          lastSeq = answer.snapshot.lastSeq;
          haveState = true;
          takeSnapshot(answer.snapshot);
        }
        (answer.snapshot.results ?? []).forEach(showResults);
        // The answer covers the log up to its snapshot's lastSeq (a participant's replay leaves out
        // what it does not see, and the server may chain the next live event from there): raise
        // lastSeq to it once the replay is applied, before what arrived meanwhile.
        const replayGap = applyBatch(answer.events ?? []);
        if (!replayGap) lastSeq = Math.max(lastSeq, answer.snapshot.lastSeq);
        joined = true;
        if (!replayGap && !applyBatch(early.splice(0))) break;
      }
      setState(States.Connected);
      if (token) quizStore.startPinging();
    })().finally(() => { resyncing = null; });
    return resyncing;
  }

  // REST fallback. Events come from the log by long polling, redacted the same way; results are
  // read for the activities the events touch. Never applied alongside the hub: one source at a time.
  function startPolling() {
    if (polling || stopped) return;
    setState(navigator.onLine === false ? States.Offline : States.Polling);
    polling = (async () => {
      const credential = joinCode && !adminCode && !token ? `&join_code=${encodeURIComponent(joinCode)}` : "";
      let lastHubTry = Date.now();
      while (!stopped) {
        try {
          if (!haveState) {
            const snapshot = await restSnapshot(api, sessionId, joinCode);
            lastSeq = snapshot.lastSeq;
            haveState = true;
            takeSnapshot(snapshot);
            snapshot.results.forEach((r) => options.onResults?.(r));
          }
          const wait = navigator.onLine === false ? 1 : openIds.size ? OpenPollWaitS : IdlePollWaitS;
          const page = await api.get(`/sessions/${sessionId}/events?after=${lastSeq}&wait=${wait}${credential}`);
          setState(States.Polling);
          // A page is one batch, read in one piece from the log (no gap check: asking again from
          // lastSeq would return the same page). Its cursor (last_seq) may run past its last
          // event: it also covers the events this role does not see, so the next page starts after them.
          const events = (page.events ?? []).map((e) => envelopeOf(e, sessionId)).filter((e) => e.seq > lastSeq);
          const cursor = page.last_seq ?? page.lastSeq;
          if (events.length) lastSeq = events[events.length - 1].seq;
          if (typeof cursor === "number" && cursor > lastSeq) lastSeq = cursor;
          deliver(events);
          // Results: of the activities these events touch and of every open one (a participant
          // does not see the others' responses as events: their effect is in the results).
          const touched = new Set(openIds);
          for (const e of events) {
            if (e.data?.activity_id) touched.add(e.data.activity_id);
            if (ActivityEvents.has(e.type) && e.data?.id) touched.add(e.data.id);
          }
          for (const activityId of touched) await refreshResults(activityId);
          if (page.has_more) continue;
          if (hubNow || Date.now() - lastHubTry > HubRetryWhilePollingMs) {
            hubNow = false;
            lastHubTry = Date.now();
            if (await backToHub()) return;
          }
        } catch (error) {
          if (error?.status === 401 || error?.status === 403) { revoke({ reason: "revoked" }); return; }
          setState(navigator.onLine === false ? States.Offline : States.Polling);
          await pause(3000);
          // Back online: the hub first (push is better than polling), else keep polling.
          if (navigator.onLine !== false && (hubNow || Date.now() - lastHubTry > 2000)) {
            hubNow = false;
            lastHubTry = Date.now();
            if (await backToHub()) return;
          }
        }
      }
    })().finally(() => { polling = null; });
  }

  const pause = (ms) => new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  async function refreshResults(activityId) {
    try {
      const answer = await api.get(`/activities/${activityId}/results`, { etag: resultsEtags.get(activityId) ?? null });
      if (answer.notModified) return;
      resultsEtags.set(activityId, answer.etag);
      // Polled results are always the newest this page has; they reset the hub's asOfSeq ordering.
      resultsSeq.delete(activityId);
      options.onResults?.({ sessionId, activityId, asOfSeq: -1, responseCount: answer.body.response_count, results: answer.body.results });
    } catch (error) {
      // A draft or a deleted activity has no results to show; anything else is the network,
      // which the polling loop already reports.
      if (!(error instanceof ApiError && [403, 404].includes(error.status))) throw error;
      openIds.delete(activityId);
    }
  }

  /** Tries the hub again; true when the page follows the session over the hub again. */
  async function backToHub() {
    if (stopped) return false;
    try {
      if (connection.state === signalR.HubConnectionState.Disconnected) await connection.start();
      await resync();
      return true;
    } catch (error) {
      if (hubStatus(error) === 401 || isRefusal(error)) revoke({ reason: "revoked" });
      if (connection.state === signalR.HubConnectionState.Connected) await connection.stop().catch(() => {});
      return false;
    }
  }

  // The browser knows it has no network: say so at once, and drop the hub connection (nothing can
  // arrive on it) so that coming back online resumes from lastSeq instead of trusting a dead socket.
  const onOnline = () => { hubNow = true; wake?.(); };
  const onOffline = () => {
    if (stopped) return;
    setState(States.Offline);
    if (connection.state !== signalR.HubConnectionState.Disconnected) connection.stop().catch(() => {});
    else startPolling();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);

  async function start() {
    setState(States.Connecting);
    try {
      await connection.start();
    } catch (error) {
      if (isRefusal(error)) throw error; // a wrong code or a revoked token: the page says so
      startPolling();
      return;
    }
    try {
      await resync();
    } catch (error) {
      if (isRefusal(error)) { stopped = true; await connection.stop().catch(() => {}); throw error; }
      onJoinFailure(error);
    }
  }

  // Quizzes: the caller's own view (GetQuiz / GET /activities/{id}/quiz) and the round-trip measure.
  quizStore.configure({
    fetch: (id) => (connection.state === signalR.HubConnectionState.Connected && state === States.Connected ? connection.invoke("GetQuiz", id) : api.get(`/activities/${id}/quiz`)),
    ping: token ? (echo) => connection.invoke("Ping", echo) : null,
  });

  return {
    start,
    get lastSeq() { return lastSeq; },
    get state() { return state; },
    /** Calls a hub method (participants: SubmitResponse; hosts: TransitionActivity, SetSessionStatus). */
    invoke: (method, ...args) => connection.invoke(method, ...args),
    /** Whether calls should go over the hub now (otherwise: REST). */
    get usesHub() { return connection.state === signalR.HubConnectionState.Connected && state === States.Connected; },
    async stop() {
      stopped = true;
      wake?.();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      await connection.stop();
    },
  };
}

/** A refusal of the credential or the session (not a network fault): 401, 403 or 404. */
export const isRefusal = (error) =>
  [401, 403, 404].includes(hubStatus(error)) || (/\b(401|403|404)\b/.test(error?.message ?? "") && /Unauthorized|Forbidden|Not Found/i.test(error?.message ?? ""));
