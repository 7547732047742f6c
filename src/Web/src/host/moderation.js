// Moderation of the shown activity: Q&A questions (from its Results document: approve, reject,
// pin, mark answered) and word-cloud submissions (from the responses list: approve, reject).
import { el, format } from "../shared/dom.js";
import { texts } from "./texts.js";

/**
 * @param {object[]} questions  results.questions: [{id, text, upvotes, pinned?, answered?}]
 * @param {Map<string, object>} flags  pin / answered set from this page (until a result carries them)
 * @param {Map<string, string>} decisions  approve / reject per response id, from response.moderated
 * @param {{ moderate: Function, setQa: Function }} actions
 */
export function qaModeration(questions, flags, decisions, actions) {
  if (!questions?.length) return el("p", { class: "hint" }, texts.noQuestions);
  const rows = questions.map((q) => ({ ...q, ...(flags.get(q.id) ?? {}) }));
  // Pinned questions first, answered ones last (an archive), votes in between.
  const rank = (q) => (q.pinned ? 0 : q.answered ? 2 : 1);
  rows.sort((a, b) => rank(a) - rank(b));
  return el("ol", { class: "moderation-list questions", "aria-label": texts.moderationHeading },
    rows.map((q) => el("li", { class: `question${q.pinned ? " is-pinned" : ""}${q.answered ? " is-answered" : ""}`, dataset: { responseId: q.id } },
      el("div", { class: "question-text" },
        el("span", { class: "text" }, q.text),
        el("span", { class: "badges" },
          el("span", { class: "badge" }, format(texts.upvotes, { n: q.upvotes ?? 0 })),
          q.pinned && el("span", { class: "badge accent" }, texts.pinned),
          q.answered && el("span", { class: "badge ok" }, texts.answeredBadge),
          decisions.get(q.id) === "approve" && el("span", { class: "badge ok" }, texts.approvedNote))),
      el("div", { class: "row-actions" },
        el("button", { type: "button", "aria-label": format(texts.approveLabel, { text: q.text }), onclick: () => actions.moderate(q.id, "approve") }, texts.approve),
        el("button", { type: "button", class: "danger", "aria-label": format(texts.rejectLabel, { text: q.text }), onclick: () => actions.moderate(q.id, "reject") }, texts.reject),
        el("button", { type: "button", "aria-pressed": String(!!q.pinned), onclick: () => actions.setQa(q.id, { pinned: !q.pinned }) }, q.pinned ? texts.unpin : texts.pin),
        el("button", { type: "button", "aria-pressed": String(!!q.answered), onclick: () => actions.setQa(q.id, { answered: !q.answered }) }, q.answered ? texts.markUnanswered : texts.markAnswered)))));
}

const wordsOf = (data) => (Array.isArray(data?.words) ? data.words : data?.word ? [data.word] : []).map(String);

/** Each word-cloud submission with approve / reject. */
export function wordModeration(responses, decisions, actions) {
  const items = (responses ?? []).filter((r) => wordsOf(r.response_data).length);
  if (!items.length) return el("p", { class: "hint" }, texts.noWords);
  return el("ul", { class: "moderation-list words", "aria-label": texts.moderationHeading },
    items.map((r) => {
      const text = wordsOf(r.response_data).join(", ");
      const decision = decisions.get(r.id);
      return el("li", { class: decision === "reject" ? "is-rejected" : "", dataset: { responseId: r.id } },
        el("span", { class: "text" }, text),
        decision && el("span", { class: `badge ${decision === "reject" ? "danger" : "ok"}` }, decision === "reject" ? texts.rejectedNote : texts.approvedNote),
        el("div", { class: "row-actions" },
          el("button", { type: "button", "aria-label": format(texts.approveLabel, { text }), disabled: decision === "approve", onclick: () => actions.moderate(r.id, "approve") }, texts.approve),
          el("button", { type: "button", class: "danger", "aria-label": format(texts.rejectLabel, { text }), disabled: decision === "reject", onclick: () => actions.moderate(r.id, "reject") }, texts.reject)));
    }));
}
