// Q&A: ask a question, and upvote others' questions (one vote each; their texts come from the
// Results push of the activity, which only lists questions that are shown).
import { el, format } from "../dom.js";

let counter = 0;

export function qaWidget(activity, { texts, submit }) {
  const config = activity.configuration ?? {};
  const isQna = activity.activity_type === "qna";
  const maxLength = config.max_question_length ?? (isQna ? 500 : 280);
  const allowAnonymous = config.allow_anonymous ?? isQna;
  const upvotes = (config.allow_upvotes ?? config.enable_voting) !== false;
  const id = `question-${++counter}`;
  const text = el("textarea", { id, name: "question", rows: 3, "aria-describedby": `${id}-hint` });
  const anonymous = allowAnonymous ? el("input", { type: "checkbox", id: `${id}-anon`, name: "anonymous" }) : null;
  const button = el("button", { type: "submit", class: "primary big" }, texts.ask);
  const form = el("form", { class: "widget widget-qa" },
    el("label", { for: id }, config.topic || activity.title),
    text,
    el("p", { id: `${id}-hint`, class: "hint" }, format(texts.questionHint, { max: maxLength })),
    anonymous ? el("label", { class: "toggle", for: `${id}-anon` }, anonymous, el("span", {}, texts.askAnonymously)) : null,
    button);
  const list = el("ol", { class: "questions", "aria-label": texts.questions });
  const empty = el("p", { class: "hint" }, texts.noQuestions);
  const node = el("div", { class: "widget-qa-wrap" }, form, el("h3", {}, texts.questions), empty, list);
  const voted = new Set();
  let questions = [];

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const question = text.value.trim();
    if (!question) { await submit(null, texts.enterQuestion); text.focus(); return; }
    button.disabled = true;
    const ack = await submit(anonymous?.checked ? { type: "question", question_text: question, anonymous: true } : { question });
    button.disabled = false;
    if (ack) text.value = "";
  });

  function draw() {
    empty.hidden = questions.length > 0;
    list.replaceChildren(...questions.map((q) => {
      const mine = voted.has(String(q.id));
      const vote = upvotes ? el("button", {
        type: "button", class: "upvote", "aria-pressed": mine ? "true" : "false", disabled: mine,
        "aria-label": format(mine ? texts.upvoted : texts.upvote, { text: q.text }),
        onclick: async (e) => {
          e.currentTarget.disabled = true;
          const ack = await submit({ upvote: q.id });
          if (ack) voted.add(String(q.id));
          draw();
        },
      }, "▲ ", String(q.upvotes ?? 0)) : el("span", { class: "votes" }, String(q.upvotes ?? 0));
      return el("li", { class: "question" }, el("span", { class: "question-text" }, q.text), vote);
    }));
  }
  draw();

  return {
    node,
    showResults(results) {
      questions = results?.questions ?? (results?.approved_questions ?? []).map((q) => ({ id: q.id, text: q.text, upvotes: q.vote_count }));
      draw();
    },
    showAnswered(responses) {
      for (const r of responses) {
        const d = r.response_data ?? {};
        const target = d.upvote ?? (d.type === "vote" ? d.question_id : undefined);
        if (target !== undefined) voted.add(String(target));
      }
      draw();
    },
  };
}
