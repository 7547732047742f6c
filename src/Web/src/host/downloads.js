// The host's export downloads (docs/api.md "Exports"): the routes want the admin code in a header,
// which a plain link cannot send, so a button fetches the file and hands it to the browser with
// the name the server chose (Content-Disposition).
import { el } from "../shared/dom.js";
import { texts } from "./texts.js";

const fileNameOf = (response, fallback) => {
  const header = response.headers.get("Content-Disposition") ?? "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) return decodeURIComponent(utf8[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
};

async function download(path, adminCode, button, status) {
  button.disabled = true;
  status.textContent = texts.downloading;
  try {
    const response = await fetch(`/api/v1${path}`, { headers: { "X-Admin-Code": adminCode } });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).detail ?? `HTTP ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: fileNameOf(response, "conflicto-export") });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = "";
  } catch (e) { status.textContent = `${texts.downloadFailed} ${e.message}`; }
  finally { button.disabled = false; }
}

/**
 * Buttons that download an export: base is "/sessions/{id}/export" or "/activities/{id}/export";
 * scores offers the quiz scores' CSV (when the export holds a quiz).
 */
export function downloadButtons(base, adminCode, { label, results = true, scores = false } = {}) {
  const status = el("span", { class: "hint", role: "status" });
  const button = (text, query, testid) => {
    const b = el("button", { type: "button", class: "small", "data-testid": testid, onclick: () => download(`${base}?${query}`, adminCode, b, status) }, text);
    return b;
  };
  return el("div", { class: "download-buttons", role: "group", "aria-label": label ?? texts.downloads },
    button(texts.downloadCsv, "format=csv", "download-csv"),
    results && button(texts.downloadResultsCsv, "format=csv&part=results", "download-results-csv"),
    button(texts.downloadJson, "format=json", "download-json"),
    button(texts.downloadXlsx, "format=xlsx", "download-xlsx"),
    scores && button(texts.downloadScoresCsv, "format=csv&part=scores", "download-scores-csv"),
    status);
}
