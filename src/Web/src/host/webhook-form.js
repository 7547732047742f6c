// "Add an endpoint" of the integrations card: URL, the event types (all, or some of
// GET /webhooks/event-types), a description and the scope (viewer or host, each explained).
// POST /sessions/{id}/webhooks; a refusal (422 private address or bad URL, 409 too many endpoints)
// is shown under the form in the server's words, and the answer (with its secret) goes to onCreated.
import { el, replace, format } from "../shared/dom.js";
import { ApiError, reasonOf } from "../shared/api.js";
import { texts } from "./texts.js";

const t = texts.webhooks;

/** The readable message of a refusal: field errors first, a 409 said plainly. */
export function refusalOf(error) {
  if (!(error instanceof ApiError)) return reasonOf(error);
  if (error.status === 409) return t.tooMany;
  const fields = Object.values(error.problem.errors ?? {}).flat();
  return fields.length ? fields.join(" ") : error.message;
}

/** @param {{ api: object, sessionId: number, onCreated: (webhook: object) => void }} deps */
export function webhookForm({ api, sessionId, onCreated }) {
  const url = el("input", { id: "webhook-url", name: "url", type: "url", inputmode: "url", autocomplete: "off", spellcheck: "false", placeholder: "https://example.com/conflicto", "aria-describedby": "webhook-url-hint webhook-error" });
  const all = el("input", { type: "radio", name: "webhook-events", id: "webhook-events-all", value: "all", checked: true });
  const some = el("input", { type: "radio", name: "webhook-events", id: "webhook-events-some", value: "some" });
  const typeBox = el("div", { class: "webhook-types", role: "group", "aria-label": t.typesGroup });
  const description = el("input", { id: "webhook-description", name: "description", maxlength: 200, autocomplete: "off", "aria-describedby": "webhook-description-hint" });
  const scopeRadio = (value, checked) => el("input", { type: "radio", name: "webhook-scope", id: `webhook-scope-${value}`, value, checked, "aria-describedby": `webhook-scope-${value}-hint webhook-scope-anonymous` });
  const viewer = scopeRadio("viewer", true);
  const host = scopeRadio("host", false);
  const error = el("p", { id: "webhook-error", class: "error", role: "alert" });
  const submit = el("button", { type: "submit", class: "primary" }, t.add);
  let loaded = false;

  const syncTypes = () => { for (const box of typeBox.querySelectorAll("input")) box.disabled = all.checked; };
  all.addEventListener("change", syncTypes);
  some.addEventListener("change", () => { syncTypes(); typeBox.querySelector("input")?.focus(); });

  /** Reads the event types once (the first time the card opens). */
  async function load() {
    if (loaded) return;
    loaded = true;
    try {
      const types = await api.get("/webhooks/event-types");
      replace(typeBox, types.map((type) => el("label", { class: "check" },
        el("input", { type: "checkbox", name: "webhook-event", value: type }), el("code", {}, type))));
      syncTypes();
    } catch (e) {
      loaded = false;
      replace(typeBox, el("p", { class: "error" }, format(t.eventTypesFailed, { reason: reasonOf(e) })));
    }
  }

  async function send(e) {
    e.preventDefault();
    error.textContent = "";
    if (!url.value.trim()) { error.textContent = t.urlMissing; url.focus(); return; }
    const events = all.checked ? ["*"] : [...typeBox.querySelectorAll("input:checked")].map((box) => box.value);
    if (!events.length) { error.textContent = t.eventsMissing; (typeBox.querySelector("input") ?? some).focus(); return; }
    submit.disabled = true;
    submit.textContent = t.adding;
    try {
      const created = await api.post(`/sessions/${sessionId}/webhooks`, {
        url: url.value.trim(), events, description: description.value.trim() || undefined, scope: host.checked ? "host" : "viewer",
      });
      url.value = "";
      description.value = "";
      viewer.checked = true; // the next endpoint starts with the narrower scope again
      onCreated(created);
    } catch (err) {
      error.textContent = refusalOf(err);
      if (err instanceof ApiError && (err.status === 422 || err.status === 400) && !err.problem.errors?.events) url.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t.add;
    }
  }

  const choice = (input, label, hint, hintId) => el("div", { class: "webhook-choice" },
    el("label", { class: "check", for: input.id }, input, el("span", {}, label)),
    hint ? el("p", { class: "hint", id: hintId }, hint) : null);

  const node = el("form", { class: "webhook-form", novalidate: true, "aria-labelledby": "webhook-add-heading", onsubmit: send },
    el("h3", { id: "webhook-add-heading" }, t.addHeading),
    el("div", { class: "field" }, el("label", { for: "webhook-url" }, t.url), url, el("p", { class: "hint", id: "webhook-url-hint" }, t.urlHint)),
    el("fieldset", {}, el("legend", {}, t.events), choice(all, t.allEventsChoice), choice(some, t.someEventsChoice), typeBox),
    el("div", { class: "field" }, el("label", { for: "webhook-description" }, t.description), description, el("p", { class: "hint", id: "webhook-description-hint" }, t.descriptionHint)),
    el("fieldset", {}, el("legend", {}, t.scope),
      choice(viewer, t.scopeViewer, t.scopeViewerHint, "webhook-scope-viewer-hint"),
      choice(host, t.scopeHost, t.scopeHostHint, "webhook-scope-host-hint"),
      el("p", { class: "hint webhook-anonymous", id: "webhook-scope-anonymous" }, t.scopeAnonymous)),
    error, el("div", { class: "row-actions" }, submit));
  return { node, load };
}
