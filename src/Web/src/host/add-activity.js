// "Add an activity": a type menu, the form of that type, and the create call. A custom type's
// configuration is checked with POST /activities/validate first, and its errors are shown.
import { el, replace, format } from "../shared/dom.js";
import { ApiError } from "../shared/api.js";
import { texts } from "./texts.js";
import { formFor, formChoices, FormError } from "./forms.js";
import { mediaFields } from "./media-fields.js";

/**
 * @param {{ api: object, sessionId: number, nextOrderIndex: () => number, onCreated: (activity: object) => void }} options
 */
export function addActivitySection({ api, sessionId, nextOrderIndex, onCreated }) {
  const typeId = "add-type";
  const select = el("select", { id: typeId, name: "type" }, formChoices.map((c) => el("option", { value: c }, texts.types[c])));
  const titleInput = el("input", { id: "add-title", name: "title", maxlength: 500 });
  const fields = el("div", { class: "form-fields" });
  const error = el("div", { class: "error", role: "alert" });
  const status = el("p", { class: "ok", role: "status", "aria-live": "polite" });
  const submit = el("button", { type: "submit", class: "primary" }, texts.add);
  let form = null;
  let media = null;

  const choose = () => {
    form = formFor(select.value);
    media = form.custom ? null : mediaFields({ api, sessionId, form });
    replace(fields, form.node, media?.node);
    error.replaceChildren();
  };
  select.addEventListener("change", choose);

  const showErrors = (messages) => replace(error, messages.length === 1 ? messages[0] : el("ul", {}, messages.map((m) => el("li", {}, m))));

  async function create(event) {
    event.preventDefault();
    error.replaceChildren();
    status.textContent = "";
    let body;
    try {
      const configuration = media ? media.apply(form.read()) : form.read();
      const activityType = form.custom ? form.readType() : form.type;
      body = { activity_type: activityType, title: titleInput.value.trim() || form.title() || texts.types[select.value], configuration, order_index: nextOrderIndex() };
    } catch (e) {
      if (e instanceof FormError) { showErrors([e.message]); return; }
      throw e;
    }
    submit.disabled = true;
    try {
      if (form.custom) {
        const check = await api.post("/activities/validate", { activity_type: body.activity_type, configuration: body.configuration });
        if (!check.valid) { showErrors(check.errors); return; }
        if (check.warnings?.length) status.textContent = check.warnings.map((w) => format(texts.warning, { text: w })).join(" ");
      }
      const activity = await api.post(`/sessions/${sessionId}/activities/framework`, body);
      onCreated(activity);
      status.textContent = `${status.textContent} ${format(texts.added, { title: activity.title })}`.trim();
      titleInput.value = "";
      choose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fieldErrors = Object.values(e.problem.errors ?? {}).flat();
      showErrors(fieldErrors.length ? fieldErrors : [e.message]);
    } finally {
      submit.disabled = false;
    }
  }

  choose();
  return el("section", { class: "card", "aria-labelledby": "add-heading" },
    el("h2", { id: "add-heading" }, texts.addHeading),
    el("form", { class: "add-activity", onsubmit: create, novalidate: true },
      el("div", { class: "field" }, el("label", { for: typeId }, texts.typeLabel), select),
      el("div", { class: "field" }, el("label", { for: "add-title" }, texts.activityTitle), titleInput),
      fields, error, submit, status));
}
