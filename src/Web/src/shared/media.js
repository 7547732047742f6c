// Images in activities (uploaded with POST /sessions/{id}/media; docs/integrations.md#media-uploads).
// Configuration keys: image_url (the question's image), image_alt (its alt text; else the question),
// option_images (a poll's: one URL or null per option, alt text = the option) and
// background_image_url (the big screen's slide background). Only this server's media URLs are shown,
// so a configuration cannot make every phone in the room load a third party's URL.
import { el } from "./dom.js";

const MEDIA_URL = /^\/api\/v1\/media\/[A-Za-z0-9_-]{22}$/;

/** The URL when it is one of this server's media URLs, else null. */
export const mediaUrl = (value) => (typeof value === "string" && MEDIA_URL.test(value) ? value : null);

const config = (activity) => activity?.configuration ?? activity?.config ?? {};

/** The activity's question image (figure with alt text), or null. size: "phone" or "screen". */
export function activityImage(activity, size = "phone") {
  const c = config(activity);
  const src = mediaUrl(c.image_url);
  if (!src) return null;
  const alt = String(c.image_alt || c.question || c.prompt || c.topic || activity.title || "");
  return el("figure", { class: `activity-image activity-image-${size}` }, el("img", { src, alt, decoding: "async" }));
}

/** Puts each option's image (configuration.option_images[i]) into the i-th `label.choice` of a choice node. */
export function decorateOptions(node, activity) {
  const images = config(activity).option_images;
  if (!Array.isArray(images)) return node;
  node.querySelectorAll("label.choice").forEach((label, index) => {
    const src = mediaUrl(images[index]);
    if (src) label.prepend(el("img", { class: "option-image", src, alt: label.textContent.trim(), decoding: "async" }));
  });
  return node;
}

/** The options that have images, as a captioned row for the big screen, or null. */
export function optionGallery(activity) {
  const c = config(activity);
  if (!Array.isArray(c.option_images) || !Array.isArray(c.options)) return null;
  const items = c.options.map((text, index) => ({ text: String(text), src: mediaUrl(c.option_images[index]) })).filter((o) => o.src);
  if (items.length === 0) return null;
  return el("ul", { class: "option-gallery" }, items.map((o) =>
    el("li", {}, el("figure", {}, el("img", { src: o.src, alt: o.text, decoding: "async" }), el("figcaption", {}, o.text)))));
}

/** Sets (or clears) the slide background of the big screen's stage from configuration.background_image_url. */
export function applyBackground(node, activity) {
  const src = mediaUrl(config(activity).background_image_url);
  node.classList.toggle("has-background-image", Boolean(src));
  node.style.backgroundImage = src ? `url("${src}")` : "";
}
