// "Images (optional)" of the add-activity form, folded until opened: a question image, a slide
// background and, for a poll, one image per option. Each file input uploads at once (POST /sessions/{id}/media) and keeps the returned URL,
// which apply() puts into the configuration (image_url, background_image_url, option_images; see
// shared/media.js for how the participant page and the big screen show them).
import { el, format } from "../shared/dom.js";
import { reasonOf } from "../shared/api.js";

const ACCEPT = "image/png,image/jpeg,image/gif,image/webp";
const words = {
  legend: "Images (optional)",
  question: "Image for the question",
  alt: "Describe the image (alt text)",
  background: "Slide background (big screen)",
  option: "Image for option {n}",
  uploading: "Uploading…",
  uploaded: "Uploaded ({width}×{height})",
  remove: "Remove",
};

let uid = 0;

function picker(api, sessionId, label) {
  const id = `media-${++uid}`;
  const control = el("input", { id, type: "file", accept: ACCEPT });
  const status = el("span", { class: "hint media-status", "aria-live": "polite" }); // no role=status: the form's own status is the one
  const preview = el("img", { class: "media-preview", alt: "", hidden: true });
  let url = null;
  const clear = el("button", { type: "button", hidden: true, onclick: () => set(null) }, words.remove);
  function set(value, text = "") {
    url = value;
    preview.hidden = !value;
    if (value) preview.src = value; else { preview.removeAttribute("src"); control.value = ""; }
    clear.hidden = !value;
    status.textContent = text;
  }
  control.addEventListener("change", async () => {
    const file = control.files?.[0];
    if (!file) return;
    set(null, words.uploading);
    try {
      const media = await api.upload(`/sessions/${sessionId}/media`, file);
      set(media.url, format(words.uploaded, media));
    } catch (error) {
      set(null, reasonOf(error)); // the server's words: too large, not an image, quota full
    }
  });
  return { node: el("div", { class: "field media-field" }, el("label", { for: id }, label), control, preview, clear, status), value: () => url };
}

/** @returns {{ node: HTMLElement, apply: (configuration: object) => object }} */
export function mediaFields({ api, sessionId, form }) {
  const question = picker(api, sessionId, words.question);
  const altId = `media-alt-${++uid}`;
  const alt = el("input", { id: altId, maxlength: 300 });
  const background = picker(api, sessionId, words.background);
  const options = form?.type === "poll" ? Array.from({ length: 6 }, (_, i) => picker(api, sessionId, format(words.option, { n: i + 1 }))) : [];
  // Folded by default: most activities have no image, and on a phone six pickers would double the form.
  const node = el("details", { class: "field media-fields", "data-testid": "media-fields" }, el("summary", {}, words.legend),
    question.node, el("div", { class: "field" }, el("label", { for: altId }, words.alt), alt), background.node, options.map((o) => o.node));
  return {
    node,
    apply(configuration) {
      if (question.value()) configuration.image_url = question.value();
      if (question.value() && alt.value.trim()) configuration.image_alt = alt.value.trim();
      if (background.value()) configuration.background_image_url = background.value();
      const images = options.map((o) => o.value());
      if (images.some(Boolean) && Array.isArray(configuration.options))
        configuration.option_images = configuration.options.map((_, i) => images[i] ?? null);
      return configuration;
    },
  };
}
