// Word cloud: real text elements sized by frequency (the most frequent biggest, in the middle).
// Reads our `words` ([{text, count}]) and, for legacy documents, `word_cloud_data` ([{word, frequency}]).
import { el, format } from "../dom.js";
import { syncList, setText, texts, colorIndex } from "./common.js";

const MaxWords = 50;

export function cloudWords(results) {
  const words = Array.isArray(results?.words)
    ? results.words.map((w) => ({ text: w.text, count: w.count ?? 0 }))
    : (results?.word_cloud_data ?? []).map((w) => ({ text: w.word, count: w.frequency ?? 0 }));
  return words.filter((w) => w.text && w.count > 0).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)).slice(0, MaxWords);
}

export function render(root, activity, results) {
  let list = root.querySelector(".results-cloud");
  if (!list) list = root.appendChild(el("ul", { class: "results-cloud" }));
  const words = cloudWords(results);
  const max = Math.max(1, ...words.map((w) => w.count));
  // Keyed by the lower-cased word; the DOM order stays alphabetical so words do not jump around,
  // and CSS `order` puts the big ones in the middle of the cloud.
  const byText = [...words].sort((a, b) => a.text.localeCompare(b.text));
  syncList(list, byText, (w) => w.text.toLowerCase(),
    () => el("li", { class: "results-word" }, el("span", { class: "results-word__text" }), el("span", { class: "visually-hidden results-word__count" })),
    (node, w) => {
      setText(node.firstChild, w.text);
      setText(node.lastChild, ` (${w.count})`);
      const weight = w.count / max;
      node.style.setProperty("--weight", weight.toFixed(3));
      node.style.setProperty("--bar-color", `var(--bar-${colorIndex(w.text.toLowerCase())})`);
      const rank = words.indexOf(w);
      // rank 0 in the middle, then alternating right and left of it.
      node.style.order = String(rank % 2 === 0 ? 1000 + rank : 1000 - rank);
      node.title = `${w.text}: ${w.count}`;
    });
  let empty = root.querySelector(".results-empty");
  if (!empty) empty = root.appendChild(el("p", { class: "results-empty" }, texts.noWords));
  empty.hidden = words.length > 0;
}

export function describe(activity, results) {
  const words = cloudWords(results);
  if (!words.length) return texts.noWords;
  return format(texts.topWords, { words: words.slice(0, 3).map((w) => `${w.text} (${w.count})`).join(", ") });
}
