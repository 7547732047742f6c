// The big screen's replay (/screen/{code}?replay=1): the host's recording of the session
// (GET /api/v1/sessions/{id}/recording, with the admin code the host console keeps in
// sessionStorage, or asked for here) played back at 1×, 4× or 16× through the live screen's own
// state and view (screen-state.js, view.js), so the charts are the ones the room saw. Results come
// with the recording (the server rebuilds them as live does); the final ones, with every moderation
// decision, are applied at the end. See docs/web.md "Replay".
import { createApi, ApiError } from "../shared/api.js";
import { el, format, replace } from "../shared/dom.js";
import { createScreenState } from "./screen-state.js";
import { createView } from "./view.js";
import { replayControls } from "./replay-controls.js";
import { buildTimeline, countUpTo } from "./replay-timeline.js";
import { texts } from "./texts.js";

// The host console's key (src/Web/src/host/main.js): the same tab, or one it opened, has the code.
const storageKey = (id) => `conflicto.host.${id}.adminCode`;

export async function startReplay(main, { session, code, badge }) {
  const adminCode = sessionStorage.getItem(storageKey(session.id));
  if (!adminCode) return askAdminCode(main, { session, code, badge });
  replace(main, el("p", { class: "screen-loading", role: "status" }, texts.replay.loading));
  let recording;
  try {
    recording = await createApi({ adminCode }).get(`/sessions/${session.id}/recording`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      sessionStorage.removeItem(storageKey(session.id));
      return askAdminCode(main, { session, code, badge }, texts.replay.wrongCode);
    }
    replace(main, el("p", { class: "screen-error", role: "alert" }, format(texts.replay.cannotLoad, { reason: error.message })));
    return;
  }
  badge.dataset.state = "replay";
  badge.textContent = texts.replay.badge;
  play(main, { recording, code, api: createApi({ adminCode }) });
}

function askAdminCode(main, { session, code, badge }, message = "") {
  main.classList.add("screen");
  main.dataset.mode = "error";
  const input = el("input", { id: "replay-admin-code", autocomplete: "off", autocapitalize: "characters", maxlength: 16, "aria-describedby": "replay-admin-error" });
  const error = el("p", { id: "replay-admin-error", class: "screen-error", role: "alert" }, message);
  replace(main, el("form", { class: "screen-problem replay-ask", novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    const value = input.value.trim().toUpperCase();
    if (!value) { error.textContent = texts.replay.codeMissing; input.focus(); return; }
    sessionStorage.setItem(storageKey(session.id), value);
    startReplay(main, { session, code, badge });
  } },
  el("h1", {}, texts.replay.askHeading),
  el("p", {}, format(texts.replay.askIntro, { title: session.title })),
  el("label", { for: "replay-admin-code" }, texts.replay.codeLabel), input, error,
  el("button", { type: "submit", class: "primary" }, texts.replay.open)));
  input.focus();
}

function play(main, { recording, code, api }) {
  const events = recording.events ?? [];
  const { times, total, shortened } = buildTimeline(events);
  const view = createView(main, { code, joinUrl: `${location.origin}/join/${code}`, replay: true });
  // The session as it began: its events say the rest (status, current activity, who joined).
  const initial = { id: recording.session?.id, title: recording.session?.title, status: "draft", participant_count: 0, current_activity_id: null };
  let screen = null;
  let applied = 0;       // events applied so far (they are applied in order)
  let finalShown = false;
  let position = 0;      // ms on the replay's clock
  let speed = 1;
  let playing = false;
  let lastFrame = 0;

  const controls = replayControls({
    total, shortened, realMs: recording.duration_ms ?? 0,
    onPlay: () => { if (position >= total) seek(0); playing = true; lastFrame = performance.now(); requestAnimationFrame(frame); update(); },
    onPause: () => { playing = false; update(); },
    onSpeed: (n) => { speed = n; update(); },
    onSeek: (ms) => seek(ms),
    onStep: (direction) => stepTo(applied + direction),
    onEnd: () => { playing = false; seek(total); },
  });
  view.setReplay(controls.node);

  function reset() {
    screen = createScreenState(view, { api, initial });
    applied = 0;
    finalShown = false;
  }

  /** Applies the events up to `count` (and, at the very end, the final results), drawing once. */
  function applyUpTo(count) {
    if (count < applied) reset();
    const batch = events.slice(applied, count);
    applied = count;
    const atEnd = applied === events.length && position >= total && !finalShown;
    if (atEnd) finalShown = true;
    if (batch.length === 0 && !atEnd) return;
    screen.onRecorded(batch, [...batch.flatMap((e) => e.results ?? []), ...(atEnd ? recording.results ?? [] : [])]);
  }

  function seek(ms) {
    position = Math.min(total, Math.max(0, ms));
    applyUpTo(countUpTo(times, position));
    if (position >= total) playing = false;
    update();
  }

  /** To just after event `count` (the arrow keys): the events are the steps, not the seconds. */
  function stepTo(count) {
    playing = false;
    const target = Math.min(events.length, Math.max(1, count));
    position = times[target - 1] ?? 0;
    finalShown = finalShown && target === events.length;
    applyUpTo(target);
    update();
  }

  function frame(now) {
    if (!playing) return;
    seek(position + (now - lastFrame) * speed);
    lastFrame = now;
    if (playing) requestAnimationFrame(frame);
  }

  function update() { controls.update({ position, speed, isPlaying: playing }); }

  reset();
  seek(0);
  // A host who opened the replay wants to see it: start at once (pause is one key away).
  controls.node.querySelector(".replay-play").click();
}
