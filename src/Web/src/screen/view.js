// The big screen's DOM: one layout built once, switched between lobby, activity and done, and
// updated in place (charts animate instead of being redrawn).
import { el, format, replace } from "../shared/dom.js";
import { renderResults, describeResults, answeredCount, kindOf } from "../shared/results/index.js";
import { texts } from "./texts.js";
import { highlightLine, participationLine } from "../shared/summary.js";
import { activityImage, optionGallery, applyBackground } from "../shared/media.js";

const questionOf = (a) => {
  const c = a?.configuration ?? a?.config ?? {};
  return c.question || c.prompt || c.topic || c.story || null;
};

// A word cloud or a Q&A counts contributions, not people: "12 words", "3 questions · 7 votes".
function contributions(activity, results, resultsDocument) {
  switch (kindOf(activity, results)) {
    case "word_cloud": return texts.words(results?.total_words ?? results?.total_word_submissions ?? 0);
    case "qa": return `${texts.questions(results?.total_questions ?? 0)} · ${texts.votes(results?.total_upvotes ?? results?.total_votes ?? 0)}`;
    default: return texts.responses(resultsDocument?.responseCount ?? 0);
  }
}

export function createView(main, { code, joinUrl, replay = false }) {
  const joinHost = joinUrl.replace(/^https?:\/\//, "");
  const session = el("p", { class: "screen-session" });
  const people = el("p", { class: "screen-people" }, el("span", { class: "screen-people__dot", "aria-hidden": "true" }), el("span"));
  const join = el("aside", { class: "screen-join", "aria-label": texts.lobbyTitle },
    el("div", { class: "screen-join__text" },
      el("p", { class: "screen-join__at" }, texts.joinAt),
      el("p", { class: "screen-join__url" }, joinHost.replace(/\/join\/.*$/, ""), el("wbr"), `/join/${code}`),
      el("p", { class: "screen-join__code-label" }, texts.code),
      el("p", { class: "screen-join__code", "data-testid": "join-code" }, code)),
    el("img", { class: "screen-join__qr", src: `/qr/${encodeURIComponent(code)}.svg`, alt: format(texts.qrAlt, { code }), width: 320, height: 320 }));
  const lobbyCount = el("p", { class: "screen-lobby__count", role: "status" });
  const lobby = el("section", { class: "screen-lobby", "aria-label": texts.lobbyTitle },
    el("h1", { class: "screen-lobby__title" }), lobbyCount, el("p", { class: "screen-lobby__waiting" }, texts.waiting));

  const eyebrow = el("p", { class: "screen-activity__eyebrow" }, el("span", { class: "screen-activity__type" }), el("span", { class: "screen-activity__state" }));
  const heading = el("h1", { class: "screen-activity__title" });
  const subtitle = el("p", { class: "screen-activity__subtitle" });
  const chart = el("div", { class: "screen-activity__chart" });
  const media = el("div", { class: "screen-activity__media" }); // the question's image and option images (shared/media.js)
  const hidden = el("p", { class: "screen-activity__hidden" }, texts.hidden);
  const answered = el("p", { class: "screen-activity__answered", "data-testid": "answered" });
  const activity = el("section", { class: "screen-activity", "aria-labelledby": "activity-title" },
    el("header", {}, eyebrow, heading, subtitle), media, chart, hidden, answered);
  heading.id = "activity-title";

  const doneCounts = el("p", { class: "screen-done__counts" });
  const doneList = el("ol", { class: "screen-done__list" });
  const podium = el("ol", { class: "screen-done__podium", "aria-label": texts.winners, "data-testid": "summary-podium" });
  const done = el("section", { class: "screen-done", "data-testid": "screen-summary" },
    el("h1", {}, texts.thanks), el("p", { class: "screen-done__ended" }, texts.ended), doneCounts, podium, doneList);

  const lag = el("p", { class: "screen-lag", "aria-label": texts.lagLabel, title: texts.lagLabel });
  const caption = el("p", { class: "visually-hidden", "aria-live": "polite", "data-testid": "results-caption" });
  const error = el("p", { class: "screen-error", role: "alert" });

  // The connection badge (#connection, outside main in the page shell) joins the freshness
  // indicator in the footer, so both sit together and out of the chart's way.
  const foot = el("footer", { class: "screen-foot" }, document.getElementById("connection"), lag);
  replace(main, el("header", { class: "screen-top" }, session, people), lobby, activity, done, join, error, foot, caption);
  main.classList.add("screen");
  if (replay) main.dataset.replay = "true";
  else delete main.dataset.replay;
  setMode("loading");

  function setMode(mode) {
    main.dataset.mode = mode;
    lobby.hidden = mode !== "lobby";
    activity.hidden = mode !== "activity";
    done.hidden = mode !== "done";
    // A replay is not an invitation: the session it shows is over, or elsewhere.
    join.hidden = replay || mode === "done" || mode === "error" || mode === "loading";
  }

  let lastCaption = "";
  let captionTimer = null;
  // A screen reader hears the results at most every few seconds, not at every vote.
  function announce(text) {
    if (text === lastCaption) return;
    lastCaption = text;
    if (captionTimer) return;
    caption.textContent = text;
    captionTimer = setTimeout(() => { captionTimer = null; if (caption.textContent !== lastCaption) caption.textContent = lastCaption; }, 4000);
  }

  // The end-of-session slide from the session's summary: counts, the podium, one line per activity.
  function showSummary(summary) {
    const joined = summary.participants?.joined ?? 0;
    doneCounts.textContent = format(texts.summaryCounts, {
      people: texts.participants(joined),
      activities: `${texts.activities(summary.activities.length)} · ${texts.responses(summary.response_count ?? 0)}`,
    });
    const winners = summary.winners ?? [];
    podium.hidden = winners.length === 0;
    replace(podium, winners.map((w) => el("li", { class: "screen-done__place", "data-rank": w.rank },
      el("span", { class: "screen-done__rank" }, String(w.rank)), el("strong", {}, w.nickname), w.score != null ? el("span", {}, String(w.score)) : null)));
    replace(doneList, summary.activities.map((a) => el("li", {},
      el("strong", {}, a.title || texts.types[a.activity_type] || texts.activity),
      el("span", {}, participationLine(a, joined)),
      highlightLine(a) ? el("span", { class: "screen-done__highlight" }, highlightLine(a)) : null)));
  }

  return {
    setMode,
    setSession(s) {
      session.textContent = s?.title ?? "";
      lobby.querySelector("h1").textContent = s?.title ?? texts.lobbyTitle;
      document.title = `${replay ? `${texts.replay.badge} · ` : ""}${s?.title ?? code} · Conflicto`;
    },
    setCount(n) {
      people.lastChild.textContent = texts.participants(n);
      lobbyCount.textContent = texts.joined(n);
    },
    showActivity(a, resultsDocument, { present }) {
      setMode("activity");
      const type = a.activity_type ?? a.type;
      eyebrow.firstChild.textContent = a.title && questionOf(a) ? `${texts.types[type] ?? texts.activity} · ${a.title}` : (texts.types[type] ?? texts.activity);
      const state = a.state === "active" ? texts.live : texts.closed;
      eyebrow.lastChild.textContent = state;
      eyebrow.lastChild.dataset.state = a.state;
      heading.textContent = questionOf(a) ?? a.title ?? "";
      subtitle.textContent = a.description ?? "";
      subtitle.hidden = !a.description;
      replace(media, activityImage(a, "screen"), optionGallery(a));
      applyBackground(activity, a);
      const results = resultsDocument?.results ?? null;
      const hideLive = results?.show_live_results === false && a.state === "active";
      chart.hidden = hideLive;
      hidden.hidden = !hideLive;
      renderResults(chart, a, resultsDocument ?? {}, { size: "screen" });
      const n = answeredCount(a, resultsDocument);
      answered.textContent = n !== null ? format(texts.answered, { n, of: Math.max(present, n) }) : contributions(a, results, resultsDocument);
      // The quiz view counts its own answers per question; the generic "N responses" would count every question's.
      answered.hidden = type === "quiz";
      announce(hideLive ? `${heading.textContent}. ${answered.textContent}` : `${heading.textContent}. ${describeResults(a, resultsDocument ?? {}, { present })}`);
    },
    showDone({ people: n, activities, summary }) {
      setMode("done");
      if (summary) return showSummary(summary);
      doneCounts.textContent = format(texts.summaryCounts, { people: texts.participants(n), activities: texts.activities(activities.length) });
      replace(doneList, activities.map(({ activity: a, results }) =>
        el("li", {}, el("strong", {}, questionOf(a) ?? a.title ?? ""), el("span", {}, results ? describeResults(a, results) : ""))));
    },
    setLag(behind, catchingUp, unknown = false) {
      if (unknown) { lag.textContent = ""; return; }
      lag.dataset.behind = behind > 0 ? "yes" : "no";
      lag.textContent = behind > 0 ? `${texts.behind(behind)}${catchingUp ? `, ${texts.catchingUp}` : ""}` : texts.upToDate;
    },
    /** A replay's controls take the footer's freshness indicator's place. */
    setReplay(controls) {
      lag.remove();
      foot.append(controls);
    },
    showError(message) {
      setMode("error");
      error.textContent = message;
    },
    clearError() { error.textContent = ""; },
  };
}
