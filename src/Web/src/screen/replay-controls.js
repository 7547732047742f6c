// The replay's control bar: play/pause, 1× / 4× / 16×, the timeline with elapsed / total time,
// and skip to the end. It only reports what the host asks for; replay.js keeps the clock.
// On the timeline, the arrow keys step event by event (the slider's own step is a second).
import { el, format } from "../shared/dom.js";
import { clock, MaxPauseMs } from "./replay-timeline.js";
import { texts } from "./texts.js";

export const Speeds = [1, 4, 16];

/**
 * @param {{ total: number, shortened: boolean, realMs: number,
 *           onPlay: () => void, onPause: () => void, onSpeed: (n: number) => void,
 *           onSeek: (ms: number) => void, onStep: (direction: -1 | 1) => void, onEnd: () => void }} options
 */
export function replayControls({ total, shortened, realMs, onPlay, onPause, onSpeed, onSeek, onStep, onEnd }) {
  let playing = false;
  const play = el("button", { type: "button", class: "replay-play", "data-testid": "replay-play",
    onclick: () => (playing ? onPause() : onPlay()) });
  const speeds = Speeds.map((n) => el("button", { type: "button", class: "replay-speed", "aria-pressed": "false", "data-speed": String(n),
    title: format(texts.replay.speedTitle, { n }), onclick: () => onSpeed(n) }, `${n}×`));
  const timeline = el("input", { type: "range", class: "replay-timeline", min: "0", max: String(Math.max(1, total)), step: "1000", value: "0",
    "aria-label": texts.replay.timeline, "data-testid": "replay-timeline" });
  timeline.addEventListener("input", () => onSeek(Number(timeline.value)));
  timeline.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    onStep(e.key === "ArrowLeft" ? -1 : 1);
  });
  const time = el("p", { class: "replay-time", "data-testid": "replay-time" });
  const end = el("button", { type: "button", class: "replay-end", "data-testid": "replay-end", onclick: onEnd }, texts.replay.skipToEnd);
  const note = shortened ? el("p", { class: "replay-note" }, format(texts.replay.shortened, { s: MaxPauseMs / 1000, real: clock(realMs) })) : null;
  const node = el("section", { class: "replay-bar", "aria-label": texts.replay.controls },
    el("div", { class: "replay-buttons" }, play, el("div", { class: "replay-speeds", role: "group", "aria-label": texts.replay.speed }, speeds), end),
    el("div", { class: "replay-track" }, timeline, time),
    note);

  return {
    node,
    /** Draws the clock and the buttons' states. */
    update({ position, speed, isPlaying }) {
      playing = isPlaying;
      play.textContent = isPlaying ? texts.replay.pause : (position >= total ? texts.replay.again : texts.replay.play);
      play.setAttribute("aria-label", play.textContent);
      for (const button of speeds) button.setAttribute("aria-pressed", String(Number(button.dataset.speed) === speed));
      if (document.activeElement !== timeline || !isPlaying) timeline.value = String(Math.round(position));
      const text = format(texts.replay.time, { at: clock(position), total: clock(total) });
      time.textContent = text;
      timeline.setAttribute("aria-valuetext", text);
      end.disabled = position >= total;
    },
  };
}
