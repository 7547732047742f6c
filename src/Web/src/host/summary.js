// The end of a session (docs/web.md "Summary"): the session's summary over REST (participation,
// responses, winners, top words and questions, timeline), each activity's final results, the
// downloads of the exports, and the link to the replay. The host's cut: drafts included.
import { el, replace, format } from "../shared/dom.js";
import { highlightLine, participationLine } from "../shared/summary.js";
import { texts } from "./texts.js";
import { resultsView } from "./results-view.js";
import { downloadButtons } from "./downloads.js";

/** The big screen's replay of the session (docs/web.md "Replay"); null before the join code is known. */
export const replayHref = (session) => {
  const code = session?.join_code ?? session?.qr_code;
  return code ? `/screen/${encodeURIComponent(code)}?replay=1` : null;
};

const isQuiz = (activity) => activity.activity_type === "quiz";

const time = (at) => (at ? new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "");

export async function showSummary(main, { api, sessionId, session, activities, adminCode }) {
  const list = el("ol", { class: "summary-list" });
  const total = el("p", { class: "summary-total", "data-testid": "summary-total" });
  const podium = el("p", { class: "summary-winners", "data-testid": "summary-winners", hidden: true });
  const timeline = el("ol", { class: "summary-timeline", "aria-label": texts.summaryTimeline });
  replace(main,
    el("header", { class: "host-header" }, el("div", {}, el("h1", {}, session?.title ?? ""), el("p", { class: "ok", role: "status" }, texts.summaryEnded)),
      // Same tab: the replay reads the admin code this tab keeps (sessionStorage).
      replayHref(session) && el("a", { class: "button primary", href: replayHref(session), title: texts.replayHint, "data-testid": "replay-link" }, texts.replay)),
    el("section", { class: "card summary", "aria-labelledby": "summary-heading", "data-testid": "session-summary" },
      el("h2", { id: "summary-heading" }, texts.summaryHeading), total, podium,
      el("h3", {}, texts.downloads), el("p", { class: "hint" }, texts.downloadsHint),
      downloadButtons(`/sessions/${sessionId}/export`, adminCode, { label: texts.downloads, scores: activities.some(isQuiz) }),
      el("details", { class: "summary-timeline-box" }, el("summary", {}, texts.summaryTimeline), timeline)),
    list,
    el("a", { class: "button", href: "/host" }, texts.newSession));
  document.getElementById("connection")?.replaceChildren();

  let summary = null;
  try {
    summary = await api.get(`/sessions/${sessionId}/summary`);
    const joined = summary.participants.joined;
    total.textContent = format(texts.summaryFigures, { n: joined, answered: summary.participants.answered, responses: summary.response_count });
    if (summary.winners?.length) {
      podium.hidden = false;
      podium.textContent = `${texts.summaryWinners} ${summary.winners.map((w) => `${w.rank}. ${w.nickname}${w.score != null ? ` (${w.score})` : ""}`).join(" · ")}`;
    }
    replace(timeline, summary.timeline.map((t) => el("li", {}, el("time", { datetime: t.at }, time(t.at)), " ", texts.timelineKinds[t.kind] ?? t.kind, t.title ? `: ${t.title}` : "")));
  } catch (e) { total.textContent = e.message; }

  const byId = new Map((summary?.activities ?? []).map((a) => [a.id, a]));
  for (const activity of activities) {
    const counts = el("p", { class: "hint" });
    const highlight = el("p", { class: "summary-highlight" });
    const drawing = el("div", { class: "results-body" });
    const figures = byId.get(activity.id);
    if (figures) {
      counts.textContent = participationLine(figures, summary.participants.joined);
      highlight.textContent = highlightLine(figures);
    }
    highlight.hidden = !highlight.textContent;
    list.append(el("li", { class: "card summary-activity", "data-testid": "summary-activity" },
      el("h3", {}, activity.title || activity.activity_type), counts, highlight, drawing,
      downloadButtons(`/activities/${activity.id}/export`, adminCode, { label: format(texts.downloadsOf, { title: activity.title || activity.activity_type }), results: false, scores: isQuiz(activity) })));
    try {
      resultsView(drawing, activity, (await api.get(`/activities/${activity.id}/results`)).results);
    } catch (e) { counts.textContent = e.message; }
  }
}
