// A snapshot read over REST, in the hub snapshot's shape, for a page that could never reach the
// hub. The status (with last_seq) is read first: events after it are then polled, and applying an
// event the activities already reflect is harmless (activity events are merged into the activity held).

/** @returns {Promise<{lastSeq:number, role:string, session:object, activities:object[], participants:object[], results:object[]}>} */
export async function restSnapshot(api, sessionId) {
  const status = await api.get(`/sessions/${sessionId}/status`);
  const session = await api.get(`/sessions/${sessionId}`);
  const list = await api.get(`/sessions/${sessionId}/activities?limit=1000`);
  const activities = (list.activities ?? []).filter((a) => a.state !== "draft");
  const results = [];
  for (const activity of activities) {
    try {
      const answer = await api.get(`/activities/${activity.id}/results`);
      results.push({ sessionId, activityId: activity.id, asOfSeq: -1, responseCount: answer.response_count, results: answer.results });
    } catch { /* no results to show for it */ }
  }
  return {
    lastSeq: status.last_seq ?? 0,
    role: "unknown",
    session: { ...session, status: status.status, current_activity_id: status.current_activity_id ?? null },
    activities,
    participants: [],
    participantCount: status.participant_count ?? 0,
    results,
  };
}
