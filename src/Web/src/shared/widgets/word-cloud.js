// Word cloud: one word (or short phrase) at a time, up to the participant's cap across all of
// their answers (max_words_per_participant, legacy max_words_per_submission, default 3). The
// server's 422/409 reasons (too long, banned, over the cap) are shown by the page as they come.
import { el, format } from "../dom.js";

let counter = 0;

export const wordCap = (config) => config.max_words_per_participant ?? config.max_words_per_submission ?? 3;

export function wordCloudWidget(activity, { texts, submit }) {
  const config = activity.configuration ?? {};
  const cap = wordCap(config);
  const id = `word-${++counter}`;
  const input = el("input", { id, name: "word", autocomplete: "off", autocapitalize: "none", enterkeyhint: "send", "aria-describedby": `${id}-count` });
  const count = el("p", { id: `${id}-count`, class: "hint" });
  const mine = el("ul", { class: "my-words", "aria-label": texts.yourWords });
  const button = el("button", { type: "submit", class: "primary big" }, texts.sendWord);
  const form = el("form", { class: "widget widget-words" },
    el("label", { for: id }, config.prompt || activity.title), input, count, mine, button);
  const words = [];
  update();

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const word = input.value.trim();
    if (!word) { await submit(null, texts.enterWord); input.focus(); return; }
    button.disabled = true;
    const ack = await submit({ words: [word] });
    button.disabled = false;
    if (ack) input.value = ""; // the page hands every saved answer back through showAnswered
    if (words.length < cap) input.focus();
  });

  function update() {
    const left = Math.max(0, cap - words.length);
    count.textContent = left > 0 ? format(texts.wordsLeft, { left, cap }) : texts.noWordsLeft;
    input.disabled = left === 0;
    button.disabled = left === 0;
    mine.replaceChildren(...words.map((w) => el("li", {}, w)));
  }

  function showAnswered(responses) {
    words.length = 0;
    for (const r of responses) {
      const d = r.response_data ?? {};
      if (Array.isArray(d.words)) words.push(...d.words.filter((w) => typeof w === "string" && w.trim()));
      else if (typeof d.word === "string") words.push(d.word);
    }
    update();
  }

  return { node: form, showAnswered };
}
