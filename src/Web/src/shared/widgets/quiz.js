// Quiz: the open question with a countdown and big answer buttons (shape + colour + text), locked
// once answered or at the deadline; after the reveal, whether it was right, the points, the streak
// and the rank. Everything comes from the quiz store (shared/quiz-store.js), which follows the
// host's quiz.updated events; the answer carries this client's own receive-to-answer time.
import { el, format, replace } from "../dom.js";
import { quizStore } from "../quiz-store.js";
import { quizTexts as t } from "../quiz-texts.js";

export function quizWidget(activity, { submit }) {
  const node = el("div", { class: "widget widget-quiz", dataset: { phase: "lobby" } });
  const given = new Map(); // question index → the option indices this participant answered
  let picked = new Set();
  let sending = false;
  let shownKey = null;
  let timer = null;

  const view = () => quizStore.get(activity.id);

  function render() {
    const quiz = view();
    if (!quiz) { quizStore.refresh(activity.id); replace(node, el("p", { class: "big-message waiting" }, t.getReady)); return; }
    node.dataset.phase = quiz.phase;
    const answer = given.get(quiz.question_index) ?? quiz.me?.answer ?? null;
    if (answer && !given.has(quiz.question_index)) given.set(quiz.question_index, answer);
    const locked = quiz.phase !== "question" || quiz.locked || (quiz.localDeadline != null && performance.now() >= quiz.localDeadline);
    const key = [quiz.phase, quiz.question_index, locked, JSON.stringify(answer), JSON.stringify(quiz.me ?? null), JSON.stringify(quiz.leaderboard?.entries ?? null)].join("|");
    if (key === shownKey) return;
    shownKey = key;
    if (quiz.question_index !== node.dataset.question) picked = new Set();
    node.dataset.question = quiz.question_index;
    clearInterval(timer);
    switch (quiz.phase) {
      case "question": return replace(node, ...questionView(quiz, answer, locked));
      case "revealed": return replace(node, ...revealView(quiz, answer));
      case "leaderboard": case "podium": return replace(node, ...standingView(quiz));
      default: return replace(node, el("p", { class: "big-message waiting" }, t.getReady));
    }
  }

  function header(quiz) {
    return el("p", { class: "quiz-progress" }, format(t.questionOf, { n: quiz.question_index + 1, count: quiz.question_count }));
  }

  function questionView(quiz, answer, locked) {
    const q = quiz.question;
    const countdown = el("div", { class: "quiz-countdown", role: "timer", "aria-live": "off" });
    const tick = () => {
      const left = Math.max(0, Math.ceil(((quiz.localDeadline ?? performance.now()) - performance.now()) / 1000));
      countdown.textContent = format(t.secondsLeft, { s: left });
      countdown.setAttribute("aria-label", format(t.timeLeft, { s: left }));
      if (left === 0) { clearInterval(timer); shownKey = null; render(); }
    };
    const parts = [header(quiz), el("h3", { class: "quiz-question" }, q.text)];
    if (q.image_url) parts.push(el("img", { class: "quiz-image", src: q.image_url, alt: "" }));
    if (answer) {
      parts.push(options(q, { chosen: answer, disabled: true }), el("p", { class: "quiz-status ok", role: "status" }, t.locked));
      return parts;
    }
    if (locked) {
      parts.push(options(q, { chosen: [], disabled: true }), el("p", { class: "quiz-status", role: "status" }, t.timesUp));
      return parts;
    }
    tick();
    timer = setInterval(tick, 250);
    parts.splice(1, 0, countdown);
    if (q.multi_select) parts.push(el("p", { class: "hint" }, t.pickSeveral));
    parts.push(options(q, { chosen: [...picked], disabled: sending, onPick: (i) => pick(quiz, i) }));
    if (q.multi_select) parts.push(el("button", { type: "button", class: "primary big", disabled: picked.size === 0 || sending, onclick: () => send(quiz, [...picked]) }, t.lockIn));
    return parts;
  }

  function options(q, { chosen, disabled, onPick, correct }) {
    return el("div", { class: "quiz-options", role: "group", "aria-label": q.text },
      q.options.map((o) => el("button", {
        type: "button", class: `quiz-option quiz-option--${o.index}`, disabled: disabled && !onPick ? true : disabled,
        "aria-pressed": chosen.includes(o.index) ? "true" : "false",
        dataset: correct ? { correct: String(correct.includes(o.index)) } : undefined,
        onclick: onPick ? () => onPick(o.index) : undefined,
      }, el("span", { class: "quiz-shape", "aria-hidden": "true" }, t.shapes[o.index] ?? ""), el("span", { class: "quiz-option-text" }, o.text))));
  }

  function pick(quiz, index) {
    if (!quiz.question.multi_select) { send(quiz, [index]); return; }
    if (picked.has(index)) picked.delete(index); else picked.add(index);
    shownKey = null;
    render();
  }

  async function send(quiz, chosen) {
    if (sending) return;
    sending = true;
    shownKey = null;
    render();
    const elapsed = quizStore.elapsedMs(activity.id, quiz.question_index);
    const data = { question_index: quiz.question_index, option_indices: chosen, ...(elapsed != null ? { client_elapsed_ms: elapsed } : {}) };
    const ack = await submit(data);
    sending = false;
    if (ack) given.set(quiz.question_index, chosen);
    shownKey = null;
    render();
  }

  function revealView(quiz, answer) {
    const q = quiz.question;
    const correct = quiz.reveal?.correct_indices ?? [];
    const last = quiz.me?.last?.question_index === quiz.question_index ? quiz.me.last : null;
    const right = last ? last.correct : answer ? correct.length === answer.length && correct.every((i) => answer.includes(i)) : false;
    const verdict = !answer ? t.missed : right ? t.correct : t.wrong;
    const parts = [header(quiz), el("h3", { class: "quiz-question" }, q.text),
      el("p", { class: `quiz-verdict ${answer ? (right ? "quiz-verdict--right" : "quiz-verdict--wrong") : ""}`, role: "status" }, verdict)];
    if (last) parts.push(el("p", { class: "quiz-points" }, format(t.points, { points: last.points })));
    if (last?.streak > 1) parts.push(el("p", { class: "quiz-streak" }, format(t.streak, { n: last.streak })));
    parts.push(options(q, { chosen: answer ?? [], disabled: true, correct }));
    parts.push(rankLine(quiz));
    return parts;
  }

  function rankLine(quiz) {
    const me = quiz.me;
    if (!me) return el("p", { class: "quiz-rank" });
    return el("p", { class: "quiz-rank" }, me.rank ? format(t.rankLine, { rank: me.rank, players: me.players, score: me.score }) : format(t.noRankYet, { score: me.score }));
  }

  function standingView(quiz) {
    const me = quiz.me;
    const final = quiz.phase === "podium";
    const parts = [el("h3", { class: "quiz-question" }, final ? t.podium : t.leaderboard)];
    if (me?.rank) parts.push(el("p", { class: "quiz-rank big-message" }, format(final ? t.finalRank : t.rankLine, { rank: me.rank, players: me.players, score: me.score })));
    if (quiz.leaderboard?.anonymous) parts.push(el("p", { class: "hint" }, t.anonymousBoard));
    else parts.push(el("ol", { class: "quiz-board" }, (quiz.leaderboard?.entries ?? []).slice(0, 5).map((e) =>
      el("li", { class: e.participant_id === me?.participant_id ? "me" : "" }, el("span", { class: "rank" }, `#${e.rank}`), el("span", { class: "name" }, e.nickname), el("span", { class: "score" }, String(e.score))))));
    if (final) parts.push(el("p", { class: "hint" }, t.quizOver));
    return parts;
  }

  const unsubscribe = quizStore.subscribe((id) => { if (id === activity.id) render(); });
  render();

  return {
    node,
    // Own answers read back after a reload: each question answered stays locked with its choice.
    showAnswered(responses) {
      for (const r of responses) {
        const d = r.response_data ?? {};
        if (Number.isInteger(d.question_index)) given.set(d.question_index, d.option_indices ?? (Number.isInteger(d.option_index) ? [d.option_index] : []));
      }
      shownKey = null;
      render();
    },
    dispose: unsubscribe,
  };
}
