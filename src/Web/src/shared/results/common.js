// Helpers shared by the result renderers: keyed in-place updates (so CSS transitions animate
// bars instead of redrawing them), number formats and the texts every renderer uses.
import { el } from "../dom.js";

export const texts = {
  votes: (n) => (n === 1 ? "1 vote" : `${n} votes`),
  noVotes: "No votes yet",
  noWords: "No words yet",
  noQuestions: "No questions yet",
  noResponses: "No responses yet",
  leads: "{text} leads with {pct}%",
  tie: "{texts} tie with {pct}% each",
  answered: "{n} of {of} answered",
  responses: (n) => (n === 1 ? "1 response" : `${n} responses`),
  words: (n) => (n === 1 ? "1 word" : `${n} words`),
  questions: (n) => (n === 1 ? "1 question" : `${n} questions`),
  topWords: "Top words: {words}",
  topQuestion: "Top question ({votes}): {text}",
  pinned: "Pinned",
  answeredMark: "Answered",
  average: "Average",
  median: "Median",
  range: "Range",
  consensus: "Consensus",
  noConsensus: "No consensus yet",
  pokerSummary: "Average {avg}, {n} estimates",
  pokerConsensus: "Consensus on {value}, {n} estimates",
};

/** "42" for 42.0, "42.5" for 42.5: percentages and averages as people read them. */
export const number = (n) => (n === null || n === undefined || Number.isNaN(Number(n)) ? "–" : String(Math.round(Number(n) * 10) / 10));

/** A stable colour index for a key (the same option keeps its colour as its rank changes). */
export function colorIndex(key, count = 8) {
  let h = 0;
  for (const c of String(key)) h = (h * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(h) % count;
}

/**
 * Brings a list's children in line with items, by key: existing nodes are updated (create once,
 * update always), new ones created, missing ones removed, and the order follows items.
 * Reordering uses FLIP so moved rows glide to their new place.
 */
export function syncList(list, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of [...list.children]) existing.set(child.dataset.key, child);
  const before = new Map();
  for (const [key, node] of existing) before.set(key, node.getBoundingClientRect().top);
  const wanted = new Set();
  let previous = null;
  items.forEach((item, i) => {
    const key = String(keyOf(item, i));
    wanted.add(key);
    let node = existing.get(key);
    if (!node) {
      node = create(item, i);
      node.dataset.key = key;
      node.classList.add("is-new");
      requestAnimationFrame(() => requestAnimationFrame(() => node.classList.remove("is-new")));
    }
    update(node, item, i);
    const expected = previous ? previous.nextSibling : list.firstChild;
    if (expected !== node) list.insertBefore(node, expected);
    previous = node;
  });
  for (const [key, node] of existing) if (!wanted.has(key)) node.remove();
  // FLIP: moved rows start where they were and transition to where they are.
  for (const [key, top] of before) {
    const node = existing.get(key);
    if (!wanted.has(key) || !node.isConnected) continue;
    const delta = top - node.getBoundingClientRect().top;
    if (Math.abs(delta) < 1) continue;
    node.style.transition = "none";
    node.style.transform = `translateY(${delta}px)`;
    requestAnimationFrame(() => { node.style.transition = ""; node.style.transform = ""; });
  }
}

/** Sets a text node's content only when it changed (keeps screen readers and layout calm). */
export function setText(node, text) {
  const value = String(text);
  if (node.textContent !== value) node.textContent = value;
}

/** A horizontal bar row: label, track with fill, value. Used by poll and generic results. */
export function barRow() {
  return el("li", { class: "results-bar" },
    el("span", { class: "results-bar__label" }),
    el("span", { class: "results-bar__track", "aria-hidden": "true" }, el("span", { class: "results-bar__fill" })),
    el("span", { class: "results-bar__value" },
      el("strong", { class: "results-bar__pct" }), " ", el("span", { class: "results-bar__count" })));
}

/** Updates a bar row: width is the share (0–100), colour stays with the key. */
export function updateBarRow(node, { label, count, pct, color, leading }) {
  setText(node.querySelector(".results-bar__label"), label);
  setText(node.querySelector(".results-bar__pct"), `${number(pct)}%`);
  setText(node.querySelector(".results-bar__count"), `(${count})`);
  node.querySelector(".results-bar__count").setAttribute("aria-label", texts.votes(count));
  const fill = node.querySelector(".results-bar__fill");
  fill.style.width = `${Math.max(0, Math.min(100, pct))}%`;
  node.style.setProperty("--bar-color", `var(--bar-${color})`);
  node.classList.toggle("is-leading", Boolean(leading));
}

/** The leader text of counted items ([{ text, count, pct }]): "Blue leads with 42%", or a tie. */
export function leaderText(items, format) {
  const max = Math.max(0, ...items.map((i) => i.count));
  if (max === 0) return null;
  const top = items.filter((i) => i.count === max);
  if (top.length === 1) return format(texts.leads, { text: top[0].text, pct: number(top[0].pct) });
  return format(texts.tie, { texts: top.map((t) => t.text).join(" and "), pct: number(top[0].pct) });
}
