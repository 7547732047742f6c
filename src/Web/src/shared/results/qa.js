// Q&A: questions ranked by votes. Pinned ones first, answered ones last and dimmed, when the
// document carries `pinned` / `answered` on a question (absent means neither). Reads our
// `questions` ([{id, text, upvotes}]) and, for legacy documents, approved/pending questions.
import { el, format } from "../dom.js";
import { syncList, setText, texts } from "./common.js";

export function rankedQuestions(results) {
  const ours = Array.isArray(results?.questions) ? results.questions.map((q) => ({ ...q, votes: q.upvotes ?? q.vote_count ?? 0 })) : null;
  const legacy = [...(results?.approved_questions ?? []), ...(results?.pending_questions ?? [])].map((q) => ({ ...q, votes: q.vote_count ?? 0 }));
  const questions = (ours ?? legacy).map((q, i) => ({ ...q, rank: i, pinned: Boolean(q.pinned), answered: Boolean(q.answered) }));
  const group = (q) => (q.pinned && !q.answered ? 0 : q.answered ? 2 : 1);
  return questions.sort((a, b) => group(a) - group(b) || b.votes - a.votes || a.rank - b.rank);
}

export function render(root, activity, results, { showVotes = true } = {}) {
  let list = root.querySelector(".results-questions");
  if (!list) list = root.appendChild(el("ol", { class: "results-questions" }));
  const questions = rankedQuestions(results);
  const votesShown = showVotes && results?.show_vote_counts !== false;
  syncList(list, questions, (q) => q.id,
    () => el("li", { class: "results-question" },
      el("span", { class: "results-question__votes" }, el("strong"), el("span", { class: "results-question__unit" })),
      el("span", { class: "results-question__body" },
        el("span", { class: "results-question__badges" }),
        el("span", { class: "results-question__text" }))),
    (node, q) => {
      const votes = node.querySelector(".results-question__votes");
      votes.hidden = !votesShown;
      setText(votes.firstChild, q.votes);
      setText(votes.lastChild, q.votes === 1 ? "vote" : "votes");
      setText(node.querySelector(".results-question__text"), q.text);
      const badges = [q.pinned && texts.pinned, q.answered && texts.answeredMark].filter(Boolean);
      setText(node.querySelector(".results-question__badges"), badges.join(" · "));
      node.classList.toggle("is-pinned", q.pinned);
      node.classList.toggle("is-answered", q.answered);
    });
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noQuestions));
  empty.hidden = questions.length > 0;
}

export function describe(activity, results) {
  const questions = rankedQuestions(results).filter((q) => !q.answered);
  if (!questions.length) return texts.noQuestions;
  const top = [...questions].sort((a, b) => b.votes - a.votes)[0];
  return `${texts.questions(questions.length)}. ${format(texts.topQuestion, { votes: texts.votes(top.votes), text: top.text })}`;
}
