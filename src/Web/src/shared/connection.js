// The one implementation of the resume protocol of docs/realtime.md ("The client protocol"):
// join with the last applied seq, apply the snapshot / replayed events / buffered live events in
// seq order skipping what is already applied, resync on a gap, and after any reconnect (to any
// node) join again. When the hub cannot be reached (blocked, or down for longer than the
// automatic reconnect tries), the page follows the same session over REST long polling
// (GET /sessions/{id}/events?after=&wait=) and goes back to the hub as soon as it answers again.
import * as signalR from "@microsoft/signalr";
import { createApi, hubStatus } from "./api.js";
import { restSnapshot } from "./rest-snapshot.js";

/** Connection states shown to people: connecting, connected, reconnecting, polling (REST fallback), offline, revoked. */
export const States = Object.freeze({
  Connecting: "connecting",
  Connected: "connected",
  Reconnecting: "reconnecting",
  Polling: "polling",
  Offline: "offline",
  Revoked: "revoked",
});

// Automatic reconnect: quick first tries, then give the hub up to ~30 s before falling back to REST.
const RetryDelays = [0, 1000, 2000, 3000, 4000, 4000, 4000, 4000, 4000, 4000];
const HubRetryWhilePollingMs = 10000;

/**
 * Follows one session as one role.
 * @param {object} options
 * @param {number} options.sessionId
 * @param {string} [options.adminCode]  host
 * @param {string} [options.token]      participant token
 * @param {string} [options.joinCode]   viewer (big screen)
 * @param {(snapshot: object) => void} options.onSnapshot  the whole state: replace what is shown
 * @param {(event: object) => void} options.onEvent        one event, in seq order, each once
 * @param {(results: object) => void} [options.onResults]  a Results document, never older than the one shown
 * @param {(presence: object) => void} [options.onPresence]
 * @param {(state: string, detail?: string) => void} [options.onState]
 * @param {(info: {reason: string, message?: string}) => void} [options.onRevoked]  the credential no longer works: the page says why; nothing reconnects
 */
export function connectSession(options) {
  const { sessionId, adminCode, token, joinCode } = options;
  const api = createApi({ adminCode, token });
  const resultsSeq = new Map();
  const early = [];
  let lastSeq = 0;
  let haveState = false; // a snapshot was applied (hub or REST): polling may continue from lastSeq
  let joined = false;
  let state = null;
  let stopped = false;
  let polling = null;
  let wake = null; // resolves the polling loop's pause early (the browser came back online)
  let hubNow = false; // back online: try the hub at once instead of waiting for the next try

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

  const apply = (e) => {
    if (e.seq <= lastSeq) return;
    if (e.seq > lastSeq + 1) { resync().catch(onJoinFailure); return; }
    lastSeq = e.seq;
    options.onEvent(e);
  };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/session", { accessTokenFactory: () => adminCode || token || "" })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => RetryDelays[ctx.previousRetryCount] ?? null })
    .withStatefulReconnect()
    .build();

  connection.on("Event", (e) => (joined ? apply(e) : early.push(e)));
  connection.on("Results", showResults);
  connection.on("Presence", (p) => options.onPresence?.(p));
  connection.on("Revoked", (r) => revoke(r));
  connection.onreconnecting(() => setState(navigator.onLine === false ? States.Offline : States.Reconnecting));
  connection.onreconnected(() => resync().catch(onJoinFailure));
  connection.onclose(() => { if (!stopped) startPolling(); });

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

  let resyncing = null;
  function resync() {
    resyncing ??= (async () => {
      joined = false;
      resultsSeq.clear();
      const answer = await connection.invoke("JoinSession", { sessionId, afterSeq: lastSeq || null, joinCode: joinCode ?? null });
      if (!answer.recovered || !haveState) {
        lastSeq = answer.snapshot.lastSeq;
        haveState = true;
        options.onSnapshot(answer.snapshot);
      }
      (answer.snapshot.results ?? []).forEach(showResults);
      for (const e of answer.events) apply(e);
      joined = true;
      while (early.length) apply(early.shift());
      setState(States.Connected);
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
            options.onSnapshot(snapshot);
            snapshot.results.forEach((r) => options.onResults?.(r));
          }
          const page = await api.get(`/sessions/${sessionId}/events?after=${lastSeq}&wait=${navigator.onLine === false ? 1 : 10}${credential}`);
          setState(States.Polling);
          const touched = new Set();
          for (const e of page.events) {
            if (e.seq <= lastSeq) continue;
            lastSeq = e.seq;
            options.onEvent({ sessionId: e.session_id ?? sessionId, seq: e.seq, type: e.type, at: e.at, data: e.data });
            if (e.data?.activity_id) touched.add(e.data.activity_id);
            if (e.type?.startsWith("activity.") && e.data?.id) touched.add(e.data.id);
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
      const answer = await api.get(`/activities/${activityId}/results`);
      // Polled results are always the newest this page has; they reset the hub's asOfSeq ordering.
      resultsSeq.delete(activityId);
      options.onResults?.({ sessionId, activityId, asOfSeq: -1, responseCount: answer.response_count, results: answer.results });
    } catch { /* a draft or a deleted activity: nothing to show */ }
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
