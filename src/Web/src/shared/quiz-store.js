// The quiz runs this page follows (one store per page, fed by shared/connection.js): the
// snapshot's `quizzes`, then every `quiz.updated` event, and GET /activities/{id}/quiz (or the
// hub's GetQuiz) for what is the asking participant's own ("me": score, rank, answer).
// It also keeps, per question, when this client received it (its own clock: the answer's
// client_elapsed_ms is measured from there, see docs/quiz.md) and measures the hub round trip
// (Ping) so the server can bound what it believes.
const runs = new Map();        // activityId → the quiz view last seen
const received = new Map();    // `${activityId}:${question}` → performance.now() at receipt
const listeners = new Set();
let fetcher = null;
let actor = null;
let pinger = null;
let pingTimer = null;

const notify = (id) => listeners.forEach((fn) => fn(id));
const keyOf = (id, q) => `${id}:${q}`;

function take(view, { fromSnapshot = false } = {}) {
  if (!view?.activity_id) return;
  const before = runs.get(view.activity_id);
  // Events carry no "me": keep the participant's own standing until a fresh one is read.
  const merged = { ...view, me: view.me ?? before?.me ?? null };
  if (view.phase === "question" && view.question) {
    const key = keyOf(view.activity_id, view.question_index);
    const now = performance.now();
    if (!received.has(key)) received.set(key, now);
    // The countdown runs on this client's clock: what the server said was left, from when it arrived.
    const left = view.remaining_ms ?? view.question.time_limit_seconds * 1000;
    merged.localDeadline = (fromSnapshot ? now : received.get(key)) + left;
    if (before?.localDeadline && before.question_index === view.question_index) merged.localDeadline = Math.min(merged.localDeadline, before.localDeadline);
  }
  runs.set(view.activity_id, merged);
  notify(view.activity_id);
  // After a reveal or a leaderboard, the participant's own points and rank are theirs to read.
  if (!fromSnapshot && fetcher && ["revealed", "leaderboard", "podium"].includes(view.phase)) refresh(view.activity_id);
}

export async function refresh(activityId) {
  if (!fetcher) return;
  try { take(await fetcher(activityId), { fromSnapshot: true }); } catch { /* the next event or snapshot brings it */ }
}

export const quizStore = {
  get: (activityId) => runs.get(activityId) ?? null,
  /** Milliseconds since this client received the open question (its own clock). */
  elapsedMs(activityId, question) {
    const at = received.get(keyOf(activityId, question));
    return at == null ? null : Math.max(0, Math.round(performance.now() - at));
  },
  subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); },
  fromSnapshot(quizzes) { for (const q of quizzes ?? []) take(q, { fromSnapshot: true }); },
  apply: (data) => take(data),
  refresh,
  /** fetch(activityId) → quiz view; act(activityId, action) → quiz view (host); ping(echo) → { nonce } over the hub. */
  configure({ fetch, act, ping } = {}) {
    if (fetch) fetcher = fetch;
    if (act) actor = act;
    if (ping !== undefined) pinger = ping;
  },
  async act(activityId, action) {
    if (!actor) throw new Error("no host connection");
    take(await actor(activityId, action), { fromSnapshot: true });
  },
  /** Measures the round trip now and every 15 s (two pings: the second brings the server's measure). */
  startPinging() {
    const once = async () => {
      if (!pinger) return;
      try { const first = await pinger(null); await pinger(first.nonce); } catch { /* not connected: next time */ }
    };
    once();
    clearInterval(pingTimer);
    pingTimer = setInterval(once, 15000);
  },
};
