// The join card: the join code in large letters, its QR code, Present (opens the big screen) and
// "Copy join link". Drawn once per join code, so the copy status is not wiped by other updates.
import { el, replace, format } from "../shared/dom.js";
import { texts } from "./texts.js";

export function joinCard() {
  const node = el("section", { class: "card join-card", "aria-labelledby": "join-heading" });

  function render(code) {
    if (!code || node.dataset.code === code) return;
    node.dataset.code = code;
    const url = `${location.origin}/join/${code}`;
    const copyStatus = el("span", { role: "status", class: "ok" });
    replace(node,
      el("h2", { id: "join-heading" }, texts.joinHeading),
      el("p", { class: "join-url" }, format(texts.joinAt, { url: `${location.host}/join` })),
      el("p", { class: "join-code-line" }, el("span", { class: "hint" }, texts.joinCode), " ", el("strong", { class: "join-code", "data-testid": "join-code" }, code)),
      el("img", { class: "qr", src: `/qr/${encodeURIComponent(code)}.svg`, alt: format(texts.qrAlt, { code, url }), width: 320, height: 320 }),
      el("div", { class: "row-actions" },
        el("button", { type: "button", class: "primary", title: texts.presentHint, onclick: () => window.open(`/screen/${encodeURIComponent(code)}`, `conflicto-screen-${code}`, "noopener") }, texts.present),
        el("button", { type: "button", onclick: async () => {
          try { await navigator.clipboard.writeText(url); copyStatus.textContent = texts.copied; } catch { copyStatus.textContent = url; }
        } }, texts.copyLink),
        copyStatus));
  }

  return { node, render };
}
