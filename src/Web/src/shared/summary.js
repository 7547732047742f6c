// Reading a session summary (GET /api/v1/sessions/{id}/summary, or the session.summary event;
// docs/api.md "Session summary") into short texts, the same on the host console, the big screen
// and the participant page.

const percent = (x) => `${Math.round((x ?? 0) * 100)}%`;

/** "12 of 15 answered (80%)": an activity's participation. */
export const participationLine = (a, joined) => `${a.participants} of ${joined} answered (${percent(a.participation)}) · ${a.responses} ${a.responses === 1 ? "response" : "responses"}`;

/** One line of what an activity's results stand out with, or "" when they have nothing to show. */
export function highlightLine(a) {
  const h = a.highlights;
  if (!h) return "";
  if (h.winners?.length) return `Winners: ${h.winners.map((w) => `${w.rank}. ${w.nickname}${w.score != null ? ` (${w.score})` : ""}`).join(", ")}`;
  if (h.top_questions?.length) return `Top question: “${h.top_questions[0].text}” (${h.top_questions[0].upvotes} upvotes)`;
  if (h.top_words?.length) return `Top words: ${h.top_words.map((w) => `${w.text} (${w.count})`).join(", ")}`;
  if (h.leading?.length) return `Most chosen: ${h.leading.map((o) => o.text).join(", ")} (${h.leading[0].votes})`;
  if (typeof h.average === "number") return `Average: ${Math.round(h.average * 100) / 100}`;
  if (h.top?.length) return `Top: ${h.top.map((t) => (typeof t === "object" ? (t.text ?? t.nickname ?? t.label ?? JSON.stringify(t)) : String(t))).join(", ")}`;
  return "";
}
