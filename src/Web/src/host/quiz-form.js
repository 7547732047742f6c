// The quiz form of "Add an activity": questions (text, optional image URL, time limit) with two to
// six options each, any of them marked correct; points and scoring settings for the whole quiz.
// The correct marks go to the server with the configuration and come back only to the host.
import { el, format } from "../shared/dom.js";

const texts = {
  questions: "Questions",
  question: "Question {n}",
  questionText: "Question {n} text",
  imageUrl: "Image URL (optional)",
  timeLimit: "Time limit (seconds)",
  option: "Answer {n}",
  correct: "Answer {n} is correct",
  correctShort: "Correct",
  addOption: "Add answer",
  removeOption: "Remove answer {n}",
  addQuestion: "Add question",
  removeQuestion: "Remove question {n}",
  pointsBase: "Points for a correct answer",
  speedScoring: "Faster answers score more",
  streakBonus: "Streak bonus per correct answer in a row",
  anonymous: "Anonymous (no names on the leaderboard)",
  needText: "Question {n} needs its text.",
  needOptions: "Question {n} needs at least two answers.",
  needCorrect: "Question {n} needs at least one correct answer.",
};

let uid = 0;
const id = (name) => `quiz-${name}-${++uid}`;

function field(label, control) {
  control.id ||= id("field");
  return el("div", { class: "field" }, el("label", { for: control.id }, label), control);
}

function questionBlock(onRemove) {
  const text = el("input", { name: "quiz-question", maxlength: 500 });
  const image = el("input", { name: "quiz-image", type: "url", maxlength: 2000, placeholder: "https://" });
  const limit = el("input", { name: "quiz-time", type: "number", min: 5, max: 600, value: 20 });
  const options = el("ol", { class: "option-list quiz-option-list" });
  const heading = el("legend", {});
  const removeQuestion = el("button", { type: "button", class: "icon", onclick: () => onRemove(node) }, "×");
  const addOption = () => {
    const input = el("input", { name: "quiz-option", maxlength: 200 });
    const correct = el("input", { type: "checkbox", name: "quiz-correct" });
    const label = el("label", { class: "visually-hidden" });
    const correctLabel = el("label", { class: "quiz-correct-label" }, correct, el("span", { "aria-hidden": "true" }, texts.correctShort));
    const remove = el("button", { type: "button", class: "icon", onclick: () => { if (options.children.length > 2) { row.remove(); renumber(); } } }, "×");
    const row = el("li", {}, label, input, correctLabel, remove);
    options.append(row);
    renumber();
    return input;
  };
  const addButton = el("button", { type: "button", onclick: () => { if (options.children.length < 6) addOption().focus(); addButton.disabled = options.children.length >= 6; } }, texts.addOption);
  const node = el("fieldset", { class: "field quiz-question-block" }, heading, removeQuestion,
    field("", text), field(texts.imageUrl, image), field(texts.timeLimit, limit), options, addButton);
  function renumber() {
    [...options.children].forEach((row, i) => {
      const [label, input, correctLabel, remove] = row.children;
      input.id ||= id("option");
      label.setAttribute("for", input.id);
      label.textContent = format(texts.option, { n: i + 1 });
      input.placeholder = format(texts.option, { n: i + 1 });
      correctLabel.querySelector("input").setAttribute("aria-label", format(texts.correct, { n: i + 1 }));
      remove.setAttribute("aria-label", format(texts.removeOption, { n: i + 1 }));
    });
    addButton && (addButton.disabled = options.children.length >= 6);
  }
  addOption(); addOption(); addOption(); addOption();
  return {
    node,
    number(n) {
      heading.textContent = format(texts.question, { n });
      node.querySelector("label").textContent = format(texts.questionText, { n });
      removeQuestion.setAttribute("aria-label", format(texts.removeQuestion, { n }));
    },
    read(n, FormError) {
      const value = text.value.trim();
      if (!value) { text.focus(); throw new FormError(format(texts.needText, { n }), text); }
      const rows = [...options.children].map((row) => ({ text: row.querySelector("input[name=quiz-option]").value.trim(), correct: row.querySelector("input[name=quiz-correct]").checked }))
        .filter((o) => o.text);
      if (rows.length < 2) { options.querySelector("input").focus(); throw new FormError(format(texts.needOptions, { n })); }
      if (!rows.some((o) => o.correct)) { options.querySelector("input[name=quiz-correct]").focus(); throw new FormError(format(texts.needCorrect, { n })); }
      const question = { text: value, time_limit_seconds: Number(limit.value) || 20, options: rows.map((o) => (o.correct ? { text: o.text, correct: true } : { text: o.text })) };
      if (image.value.trim()) question.image_url = image.value.trim();
      return question;
    },
  };
}

/** @param {typeof import("./forms.js").FormError} FormError */
export function quizForm(FormError) {
  const blocks = [];
  const list = el("div", { class: "quiz-questions" });
  const renumber = () => blocks.forEach((b, i) => b.number(i + 1));
  const add = () => {
    const block = questionBlock((node) => {
      if (blocks.length <= 1) return;
      blocks.splice(blocks.findIndex((b) => b.node === node), 1);
      node.remove();
      renumber();
    });
    blocks.push(block);
    list.append(block.node);
    renumber();
    return block;
  };
  add();
  const points = el("input", { name: "quiz-points", type: "number", min: 0, max: 10000, value: 1000 });
  const streak = el("input", { name: "quiz-streak", type: "number", min: 0, max: 1000, value: 100 });
  const speed = el("input", { type: "checkbox", name: "quiz-speed", checked: true, id: id("speed") });
  const anonymous = el("input", { type: "checkbox", name: "quiz-anonymous", id: id("anonymous") });
  return {
    type: "quiz",
    node: [el("fieldset", { class: "field" }, el("legend", {}, texts.questions), list,
      el("button", { type: "button", onclick: () => add().node.querySelector("input").focus() }, texts.addQuestion)),
      field(texts.pointsBase, points), field(texts.streakBonus, streak),
      el("div", { class: "check" }, speed, el("label", { for: speed.id }, texts.speedScoring)),
      el("div", { class: "check" }, anonymous, el("label", { for: anonymous.id }, texts.anonymous))],
    title: () => blocks[0]?.node.querySelector("input[name=quiz-question]")?.value.trim() ?? "",
    read: () => ({
      questions: blocks.map((b, i) => b.read(i + 1, FormError)),
      points_base: Number(points.value) || 0,
      streak_bonus: Number(streak.value) || 0,
      speed_scoring: speed.checked,
      anonymous: anonymous.checked,
    }),
  };
}
