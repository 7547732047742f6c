// The participant page: /join (type the code) and /join/{code} (arrived by the QR link). Choose a
// nickname, then follow the session (session-view.js). The identity is kept per join code, so a
// reload rejoins silently with the same token. See docs/web.md "Participant page".
import { el, format, replace } from "../shared/dom.js";
import { ApiError, createApi } from "../shared/api.js";
import { clearIdentity, loadIdentity, saveIdentity } from "./identity.js";
import { showSession } from "./session-view.js";
import { texts } from "./texts.js";

const main = document.querySelector("main");
const api = createApi();
const routeCode = decodeURIComponent(location.pathname.match(/^\/join\/([^/]+)/)?.[1] ?? "").trim().toUpperCase();

if (!routeCode) showCodeForm();
else {
  const identity = loadIdentity(routeCode);
  if (identity) follow(routeCode, identity, false);
  else resolve(routeCode);
}

function showCodeForm(code = "", message = "") {
  const input = el("input", { id: "code", name: "code", value: code, autocomplete: "off", autocapitalize: "characters", spellcheck: "false", "aria-describedby": "code-hint code-error", "aria-invalid": message ? "true" : null });
  const error = el("p", { id: "code-error", class: "error", role: "alert" }, message);
  const form = el("form", { class: "card join-form" },
    el("h1", {}, texts.codeHeading),
    el("label", { for: "code" }, texts.codeLabel),
    input,
    el("p", { id: "code-hint", class: "hint" }, texts.codeHint),
    error,
    el("button", { type: "submit", class: "primary big" }, texts.join));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim().toUpperCase();
    if (!value) { error.textContent = texts.codeMissing; input.focus(); return; }
    location.assign(`/join/${encodeURIComponent(value)}`);
  });
  replace(main, form);
  input.focus();
}

async function resolve(code) {
  replace(main, el("p", { role: "status", class: "card" }, texts.checking));
  let session;
  try {
    session = await api.get(`/sessions/code/${encodeURIComponent(code)}?code_type=join`);
  } catch (error) {
    const message = error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 422) ? format(texts.codeUnknown, { code }) : error.message;
    showCodeForm(code, message);
    return;
  }
  showNicknameForm(code, session);
}

function showNicknameForm(code, session, message = "") {
  const input = el("input", { id: "nickname", name: "nickname", autocomplete: "nickname", enterkeyhint: "go", "aria-describedby": "nickname-hint nickname-error nickname-check" });
  const error = el("p", { id: "nickname-error", class: "error", role: "alert" }, message || (session.status === "completed" ? texts.sessionEnded : ""));
  const check = el("p", { id: "nickname-check", class: "hint", "aria-live": "polite" });
  const button = el("button", { type: "submit", class: "primary big" }, texts.joinAs);
  const form = el("form", { class: "card join-form" },
    el("p", { class: "hint session-code" }, code),
    el("h1", {}, session.title),
    el("h2", {}, texts.nicknameHeading),
    el("label", { for: "nickname" }, texts.nicknameLabel),
    input,
    el("p", { id: "nickname-hint", class: "hint" }, texts.nicknameHint),
    check,
    error,
    button);

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    check.textContent = "";
    const nickname = input.value.trim();
    if (!nickname || nickname.length > 50) return;
    timer = setTimeout(async () => {
      try {
        const answer = await api.get(`/sessions/${session.id}/nicknames/validate?nickname=${encodeURIComponent(nickname)}`);
        if (!answer.available && answer.suggested_nickname && input.value.trim() === nickname)
          check.textContent = format(texts.nicknameTaken, { nickname, suggested: answer.suggested_nickname });
      } catch { /* advice only */ }
    }, 400);
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    button.disabled = true;
    button.textContent = texts.joining;
    try {
      const answer = await api.post(`/sessions/${session.id}/join`, { nickname: input.value });
      const identity = { sessionId: session.id, participantId: Number(answer.participant_id), token: answer.participant_token, nickname: answer.nickname };
      saveIdentity(code, identity);
      follow(code, identity, Boolean(answer.session_state?.nickname_changed));
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.messageFor("nickname") : err.message;
      input.setAttribute("aria-invalid", "true");
      button.disabled = false;
      button.textContent = texts.joinAs;
      input.focus();
    }
  });
  replace(main, form);
  input.focus();
}

function follow(code, identity, renamed) {
  showSession(main, identity, {
    renamed,
    onGone(message) {
      clearIdentity(code);
      const again = el("button", { type: "button", class: "primary big" }, texts.joinAgain);
      again.addEventListener("click", () => resolve(code));
      replace(main, el("section", { class: "card" }, el("p", { class: "big-message", role: "alert" }, message), again));
    },
  });
}
