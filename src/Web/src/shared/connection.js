// The one implementation of the resume protocol of docs/realtime.md ("The client protocol"):
// join with the last applied seq, apply the snapshot / replayed events / buffered live events in
// seq order skipping what is already applied, resync on a gap, and after any reconnect (to any
// node) join again. When the hub cannot be reached at all the page follows the same session over
// REST long polling (GET /sessions/{id}/events?after=&wait=), so the screen shows the same thing.
import * as signalR from "@microsoft/signalr";
import { createApi } from "./api.js";

/** Connection states shown to people: connecting, connected, reconnecting, polling (REST fallback), offline, revoked. */
export const States = Object.freeze({
  Connecting: "connecting",
  Connected: "connected",
  Reconnecting: "reconnecting",
  Polling: "polling",
  Offline: "offline",
  Revoked: "revoked",
});

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
 * @param {(info: object) => void} [options.onRevoked]
 */
export function connectSession(options) {
  const { sessionId, adminCode, token, joinCode } = options;
  const api = createApi({ adminCode, token });
  const resultsSeq = new Map();
  const early = [];
  let lastSeq = 0;
  let joined = false;
  let state = null;
  let stopped = false;
  let polling = null;
  let pollingActive = false;

  const setState = (next, detail) => {
    if (state === next) return;
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
    if (e.seq > lastSeq + 1) { resync(); return; }
    lastSeq = e.seq;
    options.onEvent(e);
  };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/session", { accessTokenFactory: () => adminCode || token || "" })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * 2 ** ctx.previousRetryCount, 10000) })
    .withStatefulReconnect()
    .build();

  connection.on("Event", (e) => (joined ? apply(e) : early.push(e)));
  connection.on("Results", showResults);
  connection.on("Presence", (p) => options.onPresence?.(p));
  connection.on("Revoked", (r) => {
    stopped = true;
    setState(States.Revoked, r.message);
    options.onRevoked?.(r);
  });
  connection.onreconnecting(() => setState(States.Reconnecting));
  connection.onreconnected(() => resync().catch(() => {}));
  connection.onclose(() => {
    if (!stopped) startPolling();
  });

  let resyncing = null;
  async function resync() {
    if (resyncing) return resyncing;
    resyncing = (async () => {
      joined = false;
      resultsSeq.clear();
      const answer = await connection.invoke("JoinSession", { sessionId, afterSeq: lastSeq || null, joinCode: joinCode ?? null });
      if (!answer.recovered) {
        lastSeq = answer.snapshot.lastSeq;
        options.onSnapshot(answer.snapshot);
      }
      (answer.snapshot.results ?? []).forEach(showResults);
      for (const e of answer.events) apply(e);
      joined = true;
      while (early.length) apply(early.shift());
      setState(States.Connected);
    })();
    try { return await resyncing; } finally { resyncing = null; }
  }

  // REST fallback: the hub is unreachable (blocked, or the connection gave up). Events come from the
  // log by long polling, redacted the same way; results are read for the activities they touch.
  function startPolling() {
    if (polling || stopped) return;
    pollingActive = true;
    setState(navigator.onLine === false ? States.Offline : States.Polling);
    polling = (async () => {
      const credential = joinCode && !adminCode && !token ? `&join_code=${encodeURIComponent(joinCode)}` : "";
      while (pollingActive && !stopped) {
        try {
          const page = await api.get(`/sessions/${sessionId}/events?after=${lastSeq}&wait=25${credential}`);
          setState(States.Polling);
          const touched = new Set();
          for (const e of page.events) {
            if (e.seq <= lastSeq) continue;
            lastSeq = e.seq;
            const envelope = { sessionId: e.session_id, seq: e.seq, type: e.type, at: e.at, data: e.data };
            options.onEvent(envelope);
            if (e.data?.activity_id) touched.add(e.data.activity_id);
          }
          for (const activityId of touched) await refreshResults(activityId);
          if (!page.has_more) await tryHubAgain();
        } catch {
          setState(navigator.onLine === false ? States.Offline : States.Polling);
          await delay(2000);
        }
      }
    })().finally(() => { polling = null; });
  }

  async function refreshResults(activityId) {
    try {
      const answer = await api.get(`/activities/${activityId}/results`);
      options.onResults?.({ sessionId, activityId, asOfSeq: lastSeq, responseCount: answer.response_count, results: answer.results });
    } catch { /* a draft or a deleted activity: nothing to show */ }
  }

  // While polling, the hub is tried again now and then: when it answers, the page goes back to push.
  let lastHubTry = 0;
  async function tryHubAgain() {
    if (Date.now() - lastHubTry < 15000) return;
    lastHubTry = Date.now();
    try {
      await connection.start();
      pollingActive = false; // the loop ends after this round; events now come from the hub
      await resync();
    } catch { /* still unreachable: keep polling */ }
  }

  async function start() {
    setState(States.Connecting);
    try {
      await connection.start();
      await resync();
    } catch (error) {
      if (isRefusal(error)) throw error; // a wrong code or a revoked token: the page says so
      startPolling();
    }
  }

  return {
    start,
    get lastSeq() { return lastSeq; },
    get state() { return state; },
    /** Calls a hub method (participants: SubmitResponse; hosts: TransitionActivity, SetSessionStatus). */
    invoke: (method, ...args) => connection.invoke(method, ...args),
    get usesHub() { return connection.state === signalR.HubConnectionState.Connected && state === States.Connected; },
    async stop() {
      stopped = true;
      await connection.stop();
    },
  };
}

const isRefusal = (error) => /HubException: (401|403|404)/.test(error?.message ?? "") || /\b(401|403|404)\b/.test(error?.message ?? "") && /Unauthorized|Forbidden|Not Found/.test(error?.message ?? "");

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
