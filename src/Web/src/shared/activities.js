// Activities kept whole under the slim state changes of protocol v2 (docs/realtime.md "Slim
// payloads"): an `activity.state_changed` carries what changed (state, status, timestamps, order),
// not the configuration, schema_render or description. A page merges each activity event into the
// activity it holds; when it holds none (an unknown id, or only the draft stub it was given), it
// reads the activity once with GET /api/v1/activities/{id} (ETag; concurrent asks share one request).
import { ApiError } from "./api.js";

// What only a whole activity carries (a slim state change leaves these out).
const ContentFields = ["configuration", "schema_render", "response_schema", "activity_metadata", "activity_context", "description", "processing_status"];

/** Whether an activity carries its content (configuration etc.), not only what a slim event says. */
export const isComplete = (a) => Boolean(a) && !a.redacted && a.configuration != null;

/**
 * The activity after an activity event: a redacted stub replaces what was held (a draft is shown to
 * nobody but the host); anything else is merged over the whole activity held, so a slim state
 * change keeps the configuration, schema_render and description the page already has.
 */
export function mergeActivity(held, data) {
  if (data.redacted) return { ...data };
  if (!held || held.redacted) return { ...data };
  const merged = { ...held, ...data };
  // A slim payload (no configuration) that names a content field without a value does not erase
  // the content held; a whole activity (an update) replaces it, emptied fields included.
  if (data.configuration == null)
    for (const field of ContentFields) if (data[field] == null && held[field] != null) merged[field] = held[field];
  return merged;
}

/**
 * A fetched whole activity combined with what events said while it was on its way: the content
 * comes from the fetch; for the other fields both have, the newer `updated_at` wins (events are in
 * order, a fetch may be a moment older or newer than the last event applied).
 */
export function withContent(held, fetched) {
  if (!held || held.redacted) return fetched;
  const merged = String(fetched.updated_at ?? "") > String(held.updated_at ?? "") ? { ...held, ...fetched } : { ...fetched, ...held };
  for (const field of ContentFields) if (field in fetched) merged[field] = fetched[field];
  return merged;
}

/**
 * Keeps a page's Map(id → activity) whole: `apply(data)` merges one activity event (and notes the
 * ids that need their content), `fetchMissing()` after a batch reads each of them once and calls
 * `onFetched(id, activity)` with the combined activity already stored in the map.
 * @param {{ api: object, activities: Map<string, object>, onFetched: (id: string, activity: object) => void }} deps
 */
export function activityKeeper({ api, activities, onFetched }) {
  const inFlight = new Map(); // id → Promise<activity|null>, shared by concurrent asks
  const etags = new Map();    // id → [etag, body] of the last answer, for If-None-Match
  const missing = new Set();

  function read(id) {
    if (inFlight.has(id)) return inFlight.get(id);
    const request = (async () => {
      const cached = etags.get(id);
      try {
        const answer = await api.get(`/activities/${id}`, { etag: cached?.[0] ?? null });
        if (answer.notModified) return cached[1];
        etags.set(id, [answer.etag, answer.body]);
        return answer.body;
      } catch (error) {
        // A draft (hidden from this role) or a deleted activity: nothing to show until an event says more.
        if (error instanceof ApiError && [403, 404].includes(error.status)) return null;
        throw error;
      }
    })().finally(() => inFlight.delete(id));
    inFlight.set(id, request);
    return request;
  }

  return {
    /** Merges one activity event's data; returns the activity now held. */
    apply(data) {
      const merged = mergeActivity(activities.get(data.id), data);
      activities.set(data.id, merged);
      if (merged.redacted || isComplete(merged)) missing.delete(data.id);
      else missing.add(data.id);
      return merged;
    },
    /** Whether the activity held for this id waits for its content. */
    waiting: (id) => missing.has(id) || inFlight.has(id),
    /** Reads the content of every activity that needs it (once each, however often asked). */
    fetchMissing() {
      for (const id of [...missing]) {
        missing.delete(id);
        load(id);
      }
    },
    /** Reads an activity again (its content changed without an event carrying it, e.g. analysed). */
    refresh: (id) => load(id),
  };

  function load(id) {
    read(id).then((fetched) => {
      const held = activities.get(id);
      if (!fetched || fetched.redacted || !held || held.redacted) return;
      const whole = withContent(held, fetched);
      activities.set(id, whole);
      onFetched(id, whole);
    }, (error) => {
      // The network: the page keeps what it has and asks again after its next batch of events.
      missing.add(id);
      console.warn(`Conflicto: reading activity ${id} failed`, error);
    });
  }
}
