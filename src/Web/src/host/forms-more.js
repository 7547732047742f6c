// The host's forms for scale, ranking, open text and numeric guess (see forms.js for the shape).
import { el, format } from "../shared/dom.js";
import { input, checkbox, required, optionList, numberOf, FormError } from "./forms.js";

export const moreTexts = {
  types: { scale: "Scale (rating)", ranking: "Ranking", open_text: "Open text", numeric: "Numeric guess" },
  question: "Question",
  statements: "Statements to rate (one per line; empty: rate the question itself)",
  scaleMax: "Highest rating (2–10)",
  minLabel: "Label of 1 (optional)",
  maxLabel: "Label of the highest rating (optional)",
  items: "Items to rank",
  allowPartial: "Participants may rank only their top items",
  maxLength: "Characters per answer",
  answersPerParticipant: "Answers per participant",
  moderation: "Moderate answers (show only approved ones)",
  showAnswers: "Show the answers to participants and on the screen",
  min: "Lowest allowed guess",
  max: "Highest allowed guess",
  unit: "Unit (optional, e.g. m, €, %)",
  correctValue: "Correct value (optional; hidden until you reveal it)",
  integersOnly: "Whole numbers only",
  anonymous: "Anonymous (hide who answered)",
  showLiveResults: "Show live results to participants",
  rangeInvalid: "The highest allowed guess must be above the lowest.",
  correctOutside: "The correct value must be between {min} and {max}.",
  scaleMaxInvalid: "The highest rating must be a whole number from 2 to 10.",
};
const t = moreTexts;

function textList(label) {
  const fieldId = `f-lines-${Math.random().toString(36).slice(2, 8)}`;
  const control = el("textarea", { id: fieldId, rows: 3, name: "statements" });
  return { control, node: el("div", { class: "field" }, el("label", { for: fieldId }, label), control),
    read: () => control.value.split("\n").map((s) => s.trim()).filter(Boolean) };
}

function scaleForm() {
  const question = input(t.question, { name: "question", maxlength: 500 });
  const statements = textList(t.statements);
  const max = input(t.scaleMax, { name: "scale_max", type: "number", min: 2, max: 10, value: 5, inputmode: "numeric" });
  const minLabel = input(t.minLabel, { name: "min_label", maxlength: 60 });
  const maxLabel = input(t.maxLabel, { name: "max_label", maxlength: 60 });
  const anonymous = checkbox(t.anonymous, false, "anonymous");
  const live = checkbox(t.showLiveResults, true, "live");
  return {
    type: "scale",
    node: [question.node, statements.node, max.node, minLabel.node, maxLabel.node, anonymous.node, live.node],
    title: () => question.control.value.trim(),
    read() {
      const scaleMax = numberOf(max.control) ?? 5;
      if (!Number.isInteger(scaleMax) || scaleMax < 2 || scaleMax > 10) { max.control.focus(); throw new FormError(t.scaleMaxInvalid, max.control); }
      const lines = statements.read();
      return {
        question: required(question.control, t.question),
        ...(lines.length ? { statements: lines } : {}),
        scale_max: scaleMax,
        ...(minLabel.control.value.trim() ? { min_label: minLabel.control.value.trim() } : {}),
        ...(maxLabel.control.value.trim() ? { max_label: maxLabel.control.value.trim() } : {}),
        anonymous_voting: anonymous.control.checked,
        show_live_results: live.control.checked,
      };
    },
  };
}

function rankingForm() {
  const question = input(t.question, { name: "question", maxlength: 500 });
  const items = optionList();
  items.node.querySelector("legend").textContent = t.items;
  const partial = checkbox(t.allowPartial, false, "partial");
  const anonymous = checkbox(t.anonymous, false, "anonymous");
  return {
    type: "ranking",
    node: [question.node, items.node, partial.node, anonymous.node],
    title: () => question.control.value.trim(),
    read: () => ({ question: required(question.control, t.question), items: items.read(), allow_partial: partial.control.checked, anonymous_voting: anonymous.control.checked }),
  };
}

function openTextForm() {
  const question = input(t.question, { name: "question", maxlength: 500 });
  const length = input(t.maxLength, { name: "max_length", type: "number", min: 10, max: 2000, value: 280, inputmode: "numeric" });
  const answers = input(t.answersPerParticipant, { name: "answers", type: "number", min: 1, max: 10, value: 1, inputmode: "numeric" });
  const moderation = checkbox(t.moderation, false, "moderation");
  const show = checkbox(t.showAnswers, false, "show_answers");
  const anonymous = checkbox(t.anonymous, false, "anonymous");
  return {
    type: "open_text",
    node: [question.node, length.node, answers.node, moderation.node, show.node, anonymous.node],
    title: () => question.control.value.trim(),
    read: () => ({
      question: required(question.control, t.question),
      max_length: numberOf(length.control),
      max_answers_per_participant: numberOf(answers.control),
      moderation: moderation.control.checked,
      show_answers: show.control.checked,
      anonymous_voting: anonymous.control.checked,
    }),
  };
}

function numericForm() {
  const question = input(t.question, { name: "question", maxlength: 500 });
  const min = input(t.min, { name: "min", type: "number", value: 0, step: "any" });
  const max = input(t.max, { name: "max", type: "number", value: 100, step: "any" });
  const unit = input(t.unit, { name: "unit", maxlength: 20 });
  const correct = input(t.correctValue, { name: "correct_value", type: "number", step: "any" });
  const integers = checkbox(t.integersOnly, false, "integers");
  const anonymous = checkbox(t.anonymous, false, "anonymous");
  return {
    type: "numeric",
    node: [question.node, min.node, max.node, unit.node, correct.node, integers.node, anonymous.node],
    title: () => question.control.value.trim(),
    read() {
      const text = required(question.control, t.question);
      const [low, high, answer] = [numberOf(min.control) ?? 0, numberOf(max.control) ?? 100, numberOf(correct.control)];
      if (!(high > low)) { max.control.focus(); throw new FormError(t.rangeInvalid, max.control); }
      if (answer !== undefined && (answer < low || answer > high)) { correct.control.focus(); throw new FormError(format(t.correctOutside, { min: low, max: high }), correct.control); }
      return {
        question: text, min: low, max: high,
        ...(unit.control.value.trim() ? { unit: unit.control.value.trim() } : {}),
        ...(answer !== undefined ? { correct_value: answer } : {}),
        integers_only: integers.control.checked,
        anonymous_voting: anonymous.control.checked,
      };
    },
  };
}

export function moreFormFor(choice) {
  switch (choice) {
    case "scale": return scaleForm();
    case "ranking": return rankingForm();
    case "open_text": return openTextForm();
    case "numeric": return numericForm();
    default: return null;
  }
}

export const moreFormChoices = ["scale", "ranking", "open_text", "numeric"];
