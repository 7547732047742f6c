// One form per activity type. Each form builds its fields and reads them back into the body of
// POST /sessions/{id}/activities/framework ({activity_type, title, configuration}); read() throws
// FormError with a message for the person when something is missing.
import { el, format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { moreFormFor, moreFormChoices, moreTexts } from "./forms-more.js";
import { quizForm } from "./quiz-form.js";

export class FormError extends Error {
  constructor(message, field) { super(message); this.field = field; }
}

let uid = 0;
const id = (name) => `f-${name}-${++uid}`;

function input(label, attributes = {}) {
  const fieldId = id(attributes.name ?? "field");
  const control = el("input", { id: fieldId, ...attributes });
  return { control, node: el("div", { class: "field" }, el("label", { for: fieldId }, label), control) };
}

function textarea(label, attributes = {}) {
  const fieldId = id(attributes.name ?? "text");
  const control = el("textarea", { id: fieldId, rows: 3, ...attributes });
  return { control, node: el("div", { class: "field" }, el("label", { for: fieldId }, label), control) };
}

function checkbox(label, checked = false, name = "flag") {
  const fieldId = id(name);
  const control = el("input", { id: fieldId, type: "checkbox", name, checked });
  return { control, node: el("div", { class: "check" }, control, el("label", { for: fieldId }, label)) };
}

const required = (control, label) => {
  const value = control.value.trim();
  if (!value) { control.focus(); throw new FormError(format(texts.required, { field: label }), control); }
  return value;
};

const list = (value) => value.split(",").map((s) => s.trim()).filter(Boolean);
const number = (control) => (control.value === "" ? undefined : Number(control.value));

/** The option list of a poll: add and remove, at least two. */
function optionList() {
  const items = el("ol", { class: "option-list" });
  const add = () => {
    const n = items.children.length + 1;
    const fieldId = id("option");
    const control = el("input", { id: fieldId, name: "option", maxlength: 200 });
    const label = el("label", { for: fieldId, class: "visually-hidden" }, format(texts.option, { n }));
    const removeButton = el("button", { type: "button", class: "icon", "aria-label": format(texts.removeOption, { n }), onclick: () => {
      if (items.children.length <= 2) return;
      row.remove();
      renumber();
      items.querySelector("input")?.focus();
    } }, "×");
    const row = el("li", {}, label, control, removeButton);
    items.append(row);
    return control;
  };
  const renumber = () => [...items.children].forEach((row, i) => {
    row.querySelector("label").textContent = format(texts.option, { n: i + 1 });
    row.querySelector("button").setAttribute("aria-label", format(texts.removeOption, { n: i + 1 }));
    row.querySelector("input").placeholder = format(texts.option, { n: i + 1 });
  });
  add(); add(); renumber();
  const node = el("fieldset", { class: "field" }, el("legend", {}, texts.options), items,
    el("button", { type: "button", onclick: () => { add().focus(); renumber(); } }, texts.addOption));
  return {
    node,
    read() {
      const values = [...items.querySelectorAll("input")].map((i) => i.value.trim()).filter(Boolean);
      if (values.length < 2) { items.querySelector("input").focus(); throw new FormError(texts.optionsTooFew); }
      return values;
    },
  };
}

function pollForm(legacy) {
  const question = input(texts.question, { name: "question", maxlength: 500 });
  const options = optionList();
  const multiple = checkbox(texts.multipleChoice, false, "multiple");
  const anonymous = checkbox(texts.anonymous, false, "anonymous");
  const live = checkbox(texts.showLiveResults, true, "live");
  return {
    type: "poll",
    node: [question.node, options.node, multiple.node, anonymous.node, live.node],
    title: () => question.control.value.trim(),
    read() {
      const configuration = {
        question: required(question.control, texts.question),
        options: options.read(),
        anonymous_voting: anonymous.control.checked,
        show_live_results: live.control.checked,
      };
      // The legacy form writes the first Conflicto's key, as a legacy client would.
      configuration[legacy ? "allow_multiple_choice" : "allow_multiple"] = multiple.control.checked;
      return configuration;
    },
  };
}

function wordCloudForm() {
  const prompt = input(texts.prompt, { name: "prompt", maxlength: 500 });
  const words = input(texts.wordsPerParticipant, { name: "words", type: "number", min: 1, max: 10, value: 3 });
  const length = input(texts.maxWordLength, { name: "length", type: "number", min: 1, max: 100, value: 25 });
  const phrases = checkbox(texts.allowPhrases, true, "phrases");
  const banned = input(texts.bannedWords, { name: "banned" });
  const moderation = checkbox(texts.moderation, false, "moderation");
  const live = checkbox(texts.showLiveResults, true, "live");
  return {
    type: "word_cloud",
    node: [prompt.node, words.node, length.node, phrases.node, banned.node, moderation.node, live.node],
    title: () => prompt.control.value.trim(),
    read: () => ({
      prompt: required(prompt.control, texts.prompt),
      max_words_per_participant: number(words.control),
      max_word_length: number(length.control),
      allow_phrases: phrases.control.checked,
      banned_words: list(banned.control.value),
      moderation: moderation.control.checked,
      show_live_results: live.control.checked,
    }),
  };
}

function qaForm(legacy) {
  const topic = input(texts.topic, { name: "topic", maxlength: 500 });
  const anonymous = checkbox(texts.anonymous, legacy, "anonymous");
  const upvotes = checkbox(texts.allowUpvotes, true, "upvotes");
  const moderation = checkbox(texts.moderation, false, "moderation");
  return {
    type: legacy ? "qna" : "qa",
    node: [topic.node, anonymous.node, upvotes.node, moderation.node],
    title: () => topic.control.value.trim(),
    read() {
      const value = legacy ? required(topic.control, texts.topic) : topic.control.value.trim();
      // `qna` is the legacy id: its keys are the first Conflicto's (enable_voting, moderate_questions).
      return legacy
        ? { topic: value, allow_anonymous: anonymous.control.checked, enable_voting: upvotes.control.checked, moderate_questions: moderation.control.checked }
        : { ...(value ? { topic: value } : {}), allow_anonymous: anonymous.control.checked, allow_upvotes: upvotes.control.checked, moderation: moderation.control.checked };
    },
  };
}

function planningPokerForm() {
  const story = input(texts.story, { name: "story", maxlength: 500 });
  const deck = input(texts.cardDeck, { name: "deck", value: "0, 1, 2, 3, 5, 8, 13, 21, ?" });
  const anonymous = checkbox(texts.anonymous, false, "anonymous");
  return {
    type: "planning_poker",
    node: [story.node, deck.node, anonymous.node],
    title: () => story.control.value.trim(),
    read: () => ({ story: required(story.control, texts.story), card_values: list(deck.control.value), anonymous_voting: anonymous.control.checked }),
  };
}

function customForm() {
  const type = input(texts.customType, { name: "custom-type", maxlength: 50, pattern: "[a-z0-9_\\-]+", autocomplete: "off" });
  const config = textarea(texts.customConfig, { name: "custom-config", rows: 6, spellcheck: "false", class: "mono" });
  config.control.value = "{\n  \n}";
  return {
    type: null,
    custom: true,
    typeControl: type.control,
    configControl: config.control,
    node: [type.node, config.node, el("p", { class: "hint" }, texts.customHint)],
    title: () => type.control.value.trim(),
    readType: () => required(type.control, texts.customType),
    read() {
      let parsed;
      try { parsed = JSON.parse(config.control.value); }
      catch (error) { config.control.focus(); throw new FormError(format(texts.customInvalidJson, { error: error.message }), config.control); }
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) { config.control.focus(); throw new FormError(texts.customNotObject, config.control); }
      return parsed;
    },
  };
}

/** The form of a choice of the type menu. */
export function formFor(choice) {
  switch (choice) {
    case "poll": return pollForm(false);
    case "poll_legacy": return pollForm(true);
    case "word_cloud": return wordCloudForm();
    case "qa": return qaForm(false);
    case "qna": return qaForm(true);
    case "planning_poker": return planningPokerForm();
    case "quiz": return quizForm(FormError);
    default: return moreFormFor(choice) ?? customForm();
  }
}

export const formChoices = ["poll", "word_cloud", "qa", "planning_poker", "quiz", ...moreFormChoices, "qna", "poll_legacy", "custom"];

// Helpers the forms of the other types (forms-more.js) build with; their type names join the menu's.
export { input, textarea, checkbox, required, optionList, number as numberOf };
Object.assign(texts.types, moreTexts.types);
