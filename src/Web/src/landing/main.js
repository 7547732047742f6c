// The landing page (/): join a session with its code, or host one.
import { el, replace } from "../shared/dom.js";

const texts = {
  title: "Conflicto",
  tagline: "Live polls, word clouds and Q&A for your audience.",
  joinHeading: "Join a session",
  codeLabel: "Session code",
  codeHint: "The code on the big screen, e.g. QH5MKHEF",
  join: "Join",
  codeMissing: "Enter the code shown on the screen.",
  hostHeading: "Run a session",
  host: "Host a session",
};

const main = document.querySelector("main");
const code = el("input", { id: "code", name: "code", autocomplete: "off", autocapitalize: "characters", inputmode: "text", "aria-describedby": "code-hint code-error", maxlength: 16 });
const error = el("p", { id: "code-error", class: "error", role: "alert" });
const form = el("form", { class: "card", onsubmit: (e) => {
  e.preventDefault();
  const value = code.value.trim().toUpperCase();
  if (!value) { error.textContent = texts.codeMissing; code.focus(); return; }
  location.assign(`/join/${encodeURIComponent(value)}`);
} },
  el("h2", {}, texts.joinHeading),
  el("label", { for: "code" }, texts.codeLabel),
  code,
  el("p", { id: "code-hint", class: "hint" }, texts.codeHint),
  error,
  el("button", { type: "submit", class: "primary big" }, texts.join));

replace(main,
  el("header", { class: "hero" }, el("h1", {}, texts.title), el("p", {}, texts.tagline)),
  form,
  el("section", { class: "card" }, el("h2", {}, texts.hostHeading), el("a", { class: "button big", href: "/host" }, texts.host)));
code.focus();
