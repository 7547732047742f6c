// The moderation card of the shown activity (Q&A and word cloud; hidden for the others) and the
// calls behind its buttons. Word-cloud submissions are not in the Results document, so they are
// read from the responses list and read again (debounced) as responses arrive.
import { el, replace, format } from "../shared/dom.js";
import { texts } from "./texts.js";
import { isQa, isWordCloud } from "./kinds.js";
import { qaModeration, wordModeration } from "./moderation.js";
import { reasonOf } from "../shared/api.js";
import { isOpenText, isNumeric, openTextPanel, numericPanel, panelTexts } from "./type-panels.js";

/**
 * @param {{ api: object, sessionId: number, state: object, shownActivity: () => object|null, renderResults: () => void }} deps
 */
export function moderationPanel({ api, sessionId, state, shownActivity, renderResults }) {
  const body = el("div", {});
  const error = el("p", { class: "error", role: "alert" });
  const node = el("section", { class: "card", "aria-labelledby": "moderation-heading", hidden: true },
    el("h2", { id: "moderation-heading" }, texts.moderationHeading), error, body);

  function render(activity, results) {
    const heading = node.querySelector("h2");
    heading.textContent = isOpenText(activity) ? panelTexts.openTextHeading : isNumeric(activity) ? panelTexts.numericHeading : texts.moderationHeading;
    const fail = (e) => { error.textContent = format(texts.refused, { reason: reasonOf(e) }); };
    if (isOpenText(activity)) {
      node.hidden = false;
      if (!state.wordResponses.has(activity.id)) loadWordResponses(activity.id);
      replace(body, openTextPanel(activity, state.wordResponses.get(activity.id), state.decisions, { api, moderate, fail }));
    } else if (isNumeric(activity)) {
      node.hidden = false;
      replace(body, numericPanel(activity, { api, fail }));
    } else if (isQa(activity)) {
      node.hidden = false;
      replace(body, qaModeration(results?.questions ?? [], state.qaFlags, state.decisions, { moderate, setQa }));
    } else if (isWordCloud(activity)) {
      node.hidden = false;
      if (!state.wordResponses.has(activity.id)) loadWordResponses(activity.id);
      replace(body, wordModeration(state.wordResponses.get(activity.id), state.decisions, { moderate }));
    } else {
      node.hidden = true;
    }
  }

  async function moderate(responseId, decision) {
    error.textContent = "";
    try {
      await api.post(`/responses/${responseId}/moderation`, { decision });
      state.decisions.set(responseId, decision);
      renderResults();
    } catch (e) { error.textContent = format(texts.refused, { reason: reasonOf(e) }); }
  }

  async function setQa(responseId, change) {
    error.textContent = "";
    try {
      const answer = await api.put(`/responses/${responseId}/qa`, change);
      state.qaFlags.set(responseId, { pinned: !!answer?.pinned, answered: !!answer?.answered });
      renderResults();
    } catch (e) { error.textContent = format(texts.refused, { reason: reasonOf(e) }); }
  }

  const loading = new Set();
  async function loadWordResponses(activityId) {
    if (loading.has(activityId)) return;
    loading.add(activityId);
    try {
      const page = await api.get(`/sessions/${sessionId}/activities/${activityId}/responses?limit=500`);
      state.wordResponses.set(activityId, page.responses);
      if (shownActivity()?.id === activityId) render(shownActivity(), state.results.get(activityId));
    } catch (e) { error.textContent = reasonOf(e); }
    finally { loading.delete(activityId); }
  }

  let timer = null;
  function refreshWordsSoon(activityId) {
    if (shownActivity()?.id !== activityId) { state.wordResponses.delete(activityId); return; }
    clearTimeout(timer);
    timer = setTimeout(() => loadWordResponses(activityId), 300);
  }

  return { node, render, hide: () => { node.hidden = true; }, refreshWordsSoon };
}
