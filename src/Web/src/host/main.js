// The host console (/host and /host/{sessionId}): see docs/web.md "Host console".
// /host creates a session; /host/{id} runs it with the admin code kept in sessionStorage.
import { el, replace, format } from "../shared/dom.js";
import { ApiError, createApi } from "../shared/api.js";
import { texts } from "./texts.js";
import { startConsole } from "./console.js";

const main = document.querySelector("main");
const storageKey = (id) => `conflicto.host.${id}.adminCode`;
const match = /^\/host\/(\d+)\/?$/.exec(location.pathname);

if (match) openSession(Number(match[1]));
else createForm();

function field(id, label, attributes = {}, tag = "input") {
  const control = el(tag, { id, name: id, ...attributes });
  return { control, node: el("div", { class: "field" }, el("label", { for: id }, label), control) };
}

function createForm() {
  document.title = `${texts.pageTitle} · Conflicto`;
  const title = field("session-title", texts.titleLabel, { maxlength: 255, required: true, autocomplete: "off" });
  const description = field("session-description", texts.descriptionLabel, { rows: 2 }, "textarea");
  const max = field("session-max", texts.maxParticipantsLabel, { type: "number", min: 1, max: 1000, value: 100 });
  const error = el("p", { class: "error", role: "alert" });
  const submit = el("button", { type: "submit", class: "primary big" }, texts.create);
  const form = el("form", { class: "card", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!title.control.value.trim()) { error.textContent = texts.titleMissing; title.control.focus(); return; }
    submit.disabled = true;
    submit.textContent = texts.creating;
    try {
      const body = { title: title.control.value.trim(), description: description.control.value.trim() || undefined, max_participants: max.control.value ? Number(max.control.value) : undefined };
      const session = await createApi().post("/sessions/", body);
      sessionStorage.setItem(storageKey(session.id), session.admin_code);
      location.assign(`/host/${session.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = Object.values(err.problem.errors ?? {}).flat();
      error.textContent = fields.length ? fields.join(" ") : err.message;
      submit.disabled = false;
      submit.textContent = texts.create;
    }
  } }, el("h1", {}, texts.createHeading), el("p", { class: "hint" }, texts.createIntro), title.node, description.node, max.node, error, submit);
  replace(main, form);
  title.control.focus();
}

async function openSession(id) {
  const code = sessionStorage.getItem(storageKey(id));
  if (!code) { askAdminCode(id); return; }
  replace(main, el("p", { role: "status" }, "…"));
  try {
    const session = await createApi({ adminCode: code }).get(`/sessions/${id}`);
    if (session.admin_code && session.admin_code.toUpperCase() !== code.toUpperCase()) throw new ApiError(403, {});
    if (!session.admin_code) throw new ApiError(403, {});
    startConsole(main, id, code, session);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      sessionStorage.removeItem(storageKey(id));
      askAdminCode(id, format(texts.adminWrong, { id }));
    } else {
      replace(main, el("p", { class: "error", role: "alert" }, format(texts.loadFailed, { id, reason: err.message })));
    }
  }
}

function askAdminCode(id, message = "") {
  document.title = `${texts.adminHeading} · Conflicto`;
  const code = field("admin-code", texts.adminLabel, { autocomplete: "off", autocapitalize: "characters", maxlength: 16, "aria-describedby": "admin-error" });
  const error = el("p", { id: "admin-error", class: "error", role: "alert" }, message);
  const submit = el("button", { type: "submit", class: "primary big" }, texts.adminSubmit);
  replace(main, el("form", { class: "card", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const value = code.control.value.trim().toUpperCase();
    if (!value) { error.textContent = texts.adminMissing; code.control.focus(); return; }
    submit.disabled = true;
    try {
      const session = await createApi().get(`/sessions/code/${encodeURIComponent(value)}?code_type=admin`);
      if (session.id !== id) throw new ApiError(404, { detail: format(texts.adminWrong, { id }) });
      sessionStorage.setItem(storageKey(id), value);
      replace(main);
      openSession(id);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // A 429 carries the server's own words (how long to wait); a 404 means the code is wrong.
      error.textContent = err.status === 404 ? format(texts.adminWrong, { id }) : err.message;
      submit.disabled = false;
      code.control.focus();
    }
  } }, el("h1", {}, texts.adminHeading), el("p", { class: "hint" }, format(texts.adminIntro, { id })), code.node, error, submit));
  code.control.focus();
}
