// The end of a session: per activity its responses, participants and final results, and the
// number of participants in total, and the link to the replay. Read over REST (with the admin code: drafts are the host's).
import { el, replace, format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { resultsView } from "./results-view.js";

/** The big screen's replay of the session (docs/web.md "Replay"); null before the join code is known. */
export const replayHref = (session) => {
  const code = session?.join_code ?? session?.qr_code;
  return code ? `/screen/${encodeURIComponent(code)}?replay=1` : null;
};

export async function showSummary(main, { api, sessionId, session, activities }) {
  const list = el("ol", { class: "summary-list" });
  const total = el("p", { class: "summary-total", "data-testid": "summary-total" });
  replace(main,
    el("header", { class: "host-header" }, el("div", {}, el("h1", {}, session?.title ?? ""), el("p", { class: "ok", role: "status" }, texts.summaryEnded)),
      // Same tab: the replay reads the admin code this tab keeps (sessionStorage).
      replayHref(session) && el("a", { class: "button primary", href: replayHref(session), title: texts.replayHint, "data-testid": "replay-link" }, texts.replay)),
    el("section", { class: "card summary", "aria-labelledby": "summary-heading" },
      el("h2", { id: "summary-heading" }, texts.summaryHeading), total, list),
    el("a", { class: "button", href: "/host" }, texts.newSession));
  document.getElementById("connection")?.replaceChildren();

  try {
    const people = await api.get(`/sessions/${sessionId}/participants`);
    total.textContent = format(texts.summaryParticipants, { n: Math.max(people.total_count ?? 0, session?.participant_count ?? 0) });
  } catch { total.textContent = format(texts.summaryParticipants, { n: session?.participant_count ?? 0 }); }

  for (const activity of activities) {
    const counts = el("p", { class: "hint" });
    const drawing = el("div", { class: "results-body" });
    list.append(el("li", { class: "card summary-activity" }, el("h3", {}, activity.title || activity.activity_type), counts, drawing));
    try {
      const [page, results] = await Promise.all([
        api.get(`/sessions/${sessionId}/activities/${activity.id}/responses?limit=1`),
        api.get(`/activities/${activity.id}/results`),
      ]);
      counts.textContent = format(texts.summaryActivity, { responses: page.summary.total_responses, participants: page.summary.unique_participants });
      resultsView(drawing, activity, results.results);
    } catch (e) { counts.textContent = e.message; }
  }
}
