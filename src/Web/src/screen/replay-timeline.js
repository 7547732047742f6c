// The replay's clock: each recorded event at its offset, with idle stretches shortened so a
// session that waited ten minutes for the next activity does not make the room wait too.

/** A pause between two events longer than this is played as this long. */
export const MaxPauseMs = 3000;

/**
 * @param {{ offset_ms: number }[]} events the recording's events, in order
 * @returns {{ times: number[], total: number, shortened: boolean }} each event's time on the
 *          replay's clock (ms from the first event), the replay's length, and whether any pause was cut
 */
export function buildTimeline(events) {
  const times = [];
  let shortened = false;
  let previous = null;
  let at = 0;
  for (const e of events) {
    const offset = Number(e.offset_ms) || 0;
    if (previous !== null) {
      const pause = Math.max(0, offset - previous);
      if (pause > MaxPauseMs) shortened = true;
      at += Math.min(pause, MaxPauseMs);
    }
    times.push(at);
    previous = offset;
  }
  return { times, total: at, shortened };
}

/** How many events happen at or before `position` (times ascending): a binary search. */
export function countUpTo(times, position) {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid] <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** 0:42, 12:05, 1:02:10. */
export function clock(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
