// Quiz on the big screen and in the host console: the lobby, the open question with its countdown
// and answer count, the reveal with the distribution and the right options marked, the
// leaderboard, and the podium. The run comes from the quiz store (quiz.updated events), the
// answer count from the Results pushes. In the console (size "console") the host's controls
// come with it. A root re-renders itself when its quiz changes.
import { el, format, replace } from "../dom.js";
import { quizStore } from "../quiz-store.js";
import { quizTexts as t } from "../quiz-texts.js";

const roots = new Map(); // activityId → { root, activity, results }

quizStore.subscribe((id) => {
  const shown = roots.get(id);
  if (!shown) return;
  if (!shown.root.isConnected) { roots.delete(id); return; }
  draw(shown.root, shown.activity, shown.results);
});

export function render(root, activity, results) {
  roots.set(activity.id, { root, activity, results });
  draw(root, activity, results);
}

function answersOf(quiz, results) {
  const live = results?.questions?.find((q) => q.question_index === quiz.question_index)?.answers;
  return Math.max(live ?? 0, quiz.answer_count ?? 0);
}

function draw(root, activity, results) {
  const quiz = quizStore.get(activity.id);
  const inConsole = root.classList.contains("results--console");
  if (!quiz) { quizStore.refresh(activity.id); }
  const phase = quiz?.phase ?? "lobby";
  const key = JSON.stringify([phase, quiz?.question_index, quiz?.reveal, quiz?.leaderboard, quiz?.locked]);
  // Only the answer count moves between two quiz events: keep the rest (and its countdown) in place.
  if (root.dataset.quizKey === key) {
    const count = root.querySelector(".quiz-answer-count");
    if (count && quiz) count.textContent = t.answers(answersOf(quiz, results));
    return;
  }
  root.dataset.quizKey = key;
  clearInterval(Number(root.dataset.timer ?? 0));
  root.dataset.phase = phase;
  const parts = [];
  switch (phase) {
    case "question": parts.push(...questionView(root, quiz, results)); break;
    case "revealed": parts.push(...revealView(quiz)); break;
    case "leaderboard": parts.push(...boardView(quiz)); break;
    case "podium": parts.push(...podiumView(quiz)); break;
    default: parts.push(el("p", { class: "quiz-lobby big-message" }, format(t.lobby, { count: quiz?.question_count ?? activity.configuration?.question_count ?? "" })));
  }
  if (inConsole) parts.push(controls(activity, phase, quiz));
  replace(root, ...parts);
}

const progress = (quiz) => el("p", { class: "quiz-progress" }, format(t.questionOf, { n: quiz.question_index + 1, count: quiz.question_count }));

function tiles(q, { distribution, correct } = {}) {
  const total = distribution ? Math.max(1, distribution.reduce((a, b) => a + b, 0)) : 0;
  return el("ol", { class: "quiz-tiles" }, q.options.map((o) => el("li", {
    class: `quiz-option quiz-option--${o.index}`,
    dataset: correct ? { correct: String(correct.includes(o.index)) } : undefined,
  },
  el("span", { class: "quiz-shape", "aria-hidden": "true" }, t.shapes[o.index] ?? ""),
  el("span", { class: "quiz-option-text" }, o.text),
  correct?.includes(o.index) ? el("span", { class: "quiz-check", "aria-label": t.correct }, "✓") : null,
  distribution ? el("span", { class: "quiz-count" }, String(distribution[o.index] ?? 0)) : null,
  distribution ? el("span", { class: "quiz-bar", style: `--share:${(100 * (distribution[o.index] ?? 0)) / total}%` }) : null)));
}

function questionView(root, quiz, results) {
  const q = quiz.question;
  const countdown = el("div", { class: "quiz-countdown", role: "timer" });
  const tick = () => {
    const left = Math.max(0, Math.ceil(((quiz.localDeadline ?? performance.now()) - performance.now()) / 1000));
    countdown.textContent = String(left);
    countdown.dataset.low = String(left <= 5);
    if (left === 0) clearInterval(Number(root.dataset.timer));
  };
  tick();
  root.dataset.timer = String(setInterval(tick, 250));
  return [
    el("div", { class: "quiz-head" }, progress(quiz), countdown, el("p", { class: "quiz-answer-count", "aria-live": "polite" }, t.answers(answersOf(quiz, results)))),
    el("h3", { class: "quiz-question" }, q.text),
    q.image_url ? el("img", { class: "quiz-image", src: q.image_url, alt: "" }) : null,
    tiles(q),
  ];
}

function revealView(quiz) {
  const q = quiz.question;
  return [
    el("div", { class: "quiz-head" }, progress(quiz), el("p", { class: "quiz-answer-count" }, t.answers(quiz.reveal?.answers ?? 0))),
    el("h3", { class: "quiz-question" }, q.text),
    tiles(q, { distribution: quiz.reveal?.distribution ?? [], correct: quiz.reveal?.correct_indices ?? [] }),
  ];
}

function boardView(quiz) {
  const board = quiz.leaderboard;
  if (board?.anonymous) return [el("h3", { class: "quiz-question" }, t.leaderboard), el("p", { class: "big-message" }, t.anonymousBoard)];
  const entries = board?.entries ?? [];
  return [
    el("h3", { class: "quiz-question" }, t.leaderboard),
    entries.length === 0 ? el("p", { class: "hint" }, t.nobodyYet) : el("ol", { class: "quiz-board" }, entries.map((e) =>
      el("li", {}, el("span", { class: "rank" }, `#${e.rank}`), el("span", { class: "name" }, e.nickname), el("span", { class: "score" }, String(e.score))))),
  ];
}

function podiumView(quiz) {
  const podium = quiz.leaderboard?.podium ?? [];
  if (quiz.leaderboard?.anonymous) return [el("h3", { class: "quiz-question" }, t.podium), el("p", { class: "big-message" }, t.quizOver)];
  // Second, first, third, as on a real podium; ties share a step.
  const step = (rank) => podium.filter((e) => e.rank === rank);
  const column = (rank, place) => el("li", { class: `quiz-step quiz-step--${place}` },
    step(rank).map((e) => el("span", { class: "name" }, e.nickname)), el("span", { class: "score" }, step(rank)[0] ? String(step(rank)[0].score) : ""), el("span", { class: "place" }, `#${rank}`));
  const ranks = [...new Set(podium.map((e) => e.rank))].sort((a, b) => a - b);
  return [
    el("h3", { class: "quiz-question" }, t.podium),
    podium.length === 0 ? el("p", { class: "hint" }, t.nobodyYet)
      : el("ol", { class: "quiz-podium" }, ranks[1] ? column(ranks[1], "second") : null, column(ranks[0], "first"), ranks[2] ? column(ranks[2], "third") : null),
  ];
}

function controls(activity, phase, quiz) {
  const error = el("p", { class: "error", role: "alert" });
  const button = (action, label, primary = false) => el("button", {
    type: "button", class: primary ? "primary" : "", dataset: { quizAction: action },
    onclick: async (e) => {
      e.currentTarget.disabled = true;
      try { await quizStore.act(activity.id, action); } catch (err) { error.textContent = err.message; e.currentTarget.disabled = false; }
    },
  }, label);
  const more = quiz && quiz.question_index + 1 < quiz.question_count;
  const buttons = {
    lobby: [button("start", t.start, true)],
    question: [button("reveal", t.reveal, true)],
    revealed: [button("leaderboard", t.showLeaderboard, true), more ? button("next", t.next) : null, button("end", t.end)],
    leaderboard: [more ? button("next", t.next, true) : null, button("end", t.end, !more)],
    podium: [],
  }[phase] ?? [];
  return el("div", { class: "quiz-controls", role: "group", "aria-label": t.controls }, buttons, error);
}

export function describe(activity) {
  const quiz = quizStore.get(activity.id);
  if (!quiz || quiz.phase === "lobby") return format(t.lobby, { count: quiz?.question_count ?? activity.configuration?.question_count ?? "" });
  if (quiz.phase === "question") return format(t.describeQuestion, { n: quiz.question_index + 1, text: quiz.question?.text ?? "", answers: t.answers(quiz.answer_count ?? 0) });
  if (quiz.phase === "revealed") return format(t.describeReveal, { choice: (quiz.reveal?.correct_indices ?? []).map((i) => quiz.question?.options[i]?.text).join(", ") });
  return format(t.describeBoard, { top: (quiz.leaderboard?.entries ?? []).slice(0, 3).map((e) => `${e.nickname} ${e.score}`).join(", ") });
}
