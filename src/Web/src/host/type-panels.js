// The host's controls for open text and numeric guess, shown in the moderation card:
// - open text: every answer with what the enricher found (sentiment, topics, a flag's reason),
//   approve / reject, and the switch that shows the answers to participants and the screen;
// - numeric guess: the correct value (only the host sees it) and the button that reveals it.
// Both change the activity with PUT /activities/{id} (its configuration), like any edit.
import { el, format } from "../shared/dom.js";

export const panelTexts = {
  openTextHeading: "Answers",
  numericHeading: "Correct value",
  noAnswers: "No answers yet.",
  showAnswers: "Show answers to everyone",
  hideAnswers: "Hide answers from everyone",
  answersShown: "Participants and the screen see the approved answers.",
  answersHidden: "Only you see the answers.",
  sentiment: { positive: "positive", neutral: "neutral", negative: "negative" },
  notAnalysed: "not analysed yet",
  flagged: "flagged: {reason}",
  approve: "Approve",
  reject: "Reject",
  approveLabel: "Approve: {text}",
  rejectLabel: "Reject: {text}",
  approved: "approved",
  rejected: "rejected",
  correctIs: "The correct value is {value}. Participants do not see it until you reveal it.",
  noCorrect: "This guess has no correct value: add correct_value to reveal one.",
  reveal: "Reveal the answer",
  revealed: "Revealed: {value}. Everyone sees it and the closest guesses.",
};
const t = panelTexts;

export const isOpenText = (activity) => (activity?.activity_type ?? activity?.type) === "open_text";
export const isNumeric = (activity) => (activity?.activity_type ?? activity?.type) === "numeric";

/** Changes some configuration keys of the activity (the host's PUT keeps the others). */
const reconfigure = (api, activity, changes) => api.put(`/activities/${activity.id}`, { config: { ...(activity.configuration ?? {}), ...changes } });

export function openTextPanel(activity, responses, decisions, { api, moderate, fail }) {
  const shown = activity.configuration?.show_answers === true;
  const toggle = el("button", { type: "button", class: shown ? "" : "primary", "aria-pressed": String(shown), onclick: async () => {
    toggle.disabled = true;
    try { await reconfigure(api, activity, { show_answers: !shown }); } catch (e) { fail(e); } finally { toggle.disabled = false; }
  } }, shown ? t.hideAnswers : t.showAnswers);
  const answers = (responses ?? []).filter((r) => typeof r.response_data?.text === "string");
  const list = answers.length
    ? el("ul", { class: "moderation-list answers" }, answers.map((r) => answerRow(r, decisions.get(r.id), moderate)))
    : el("p", { class: "hint" }, t.noAnswers);
  return [el("div", { class: "row-actions" }, toggle, el("span", { class: "hint" }, shown ? t.answersShown : t.answersHidden)), list];
}

function answerRow(r, decision, moderate) {
  const text = r.response_data.text.trim();
  const e = r.enrichment;
  const flag = e?.moderation?.verdict === "flag" ? format(t.flagged, { reason: e.moderation.reason ?? "" }) : null;
  return el("li", { class: decision === "reject" ? "is-rejected" : "", dataset: { responseId: r.id } },
    el("span", { class: "text" }, text),
    el("span", { class: "badges" },
      e?.sentiment ? el("span", { class: `badge sentiment-${e.sentiment}` }, t.sentiment[e.sentiment] ?? e.sentiment) : el("span", { class: "badge" }, t.notAnalysed),
      (e?.topics ?? []).slice(0, 4).map((topic) => el("span", { class: "badge" }, `#${topic}`)),
      flag && el("span", { class: "badge danger" }, flag),
      decision && el("span", { class: `badge ${decision === "reject" ? "danger" : "ok"}` }, decision === "reject" ? t.rejected : t.approved)),
    el("div", { class: "row-actions" },
      el("button", { type: "button", "aria-label": format(t.approveLabel, { text }), disabled: decision === "approve", onclick: () => moderate(r.id, "approve") }, t.approve),
      el("button", { type: "button", class: "danger", "aria-label": format(t.rejectLabel, { text }), disabled: decision === "reject", onclick: () => moderate(r.id, "reject") }, t.reject)));
}

export function numericPanel(activity, { api, fail }) {
  const config = activity.configuration ?? {};
  const unit = config.unit ? ` ${config.unit}` : "";
  if (typeof config.correct_value !== "number") return [el("p", { class: "hint" }, t.noCorrect)];
  const value = `${config.correct_value}${unit}`;
  if (config.revealed === true) return [el("p", { class: "ok" }, format(t.revealed, { value }))];
  const button = el("button", { type: "button", class: "primary", onclick: async () => {
    button.disabled = true;
    try { await reconfigure(api, activity, { revealed: true }); } catch (e) { fail(e); button.disabled = false; }
  } }, t.reveal);
  return [el("p", {}, format(t.correctIs, { value })), button];
}
