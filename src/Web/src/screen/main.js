// The big screen (/screen/{code}): no login. Resolves the join code, follows the session as a
// viewer and shows the lobby (join instructions), the current activity with live results, or
// the thank-you summary; plus the participant count, the connection state and how far behind
// the screen is (see docs/web.md "Big screen"). With ?replay it plays the session's recording
// instead (replay.js), through the same state and view.
import { createApi, ApiError } from "../shared/api.js";
import { connectSession, States } from "../shared/connection.js";
import { el, format, replace } from "../shared/dom.js";
import { createScreenState } from "./screen-state.js";
import { startReplay } from "./replay.js";
import { createView } from "./view.js";
import { texts } from "./texts.js";

const StatusEveryMs = 4000;
const StuckPolls = 3; // behind on this many polls in a row, with no progress: reconnect from scratch

const api = createApi();
const main = document.querySelector("main");
const connectionBadge = document.getElementById("connection");
const code = decodeURIComponent(location.pathname.split("/")[2] ?? "").trim().toUpperCase();

replace(main, el("p", { class: "screen-loading", role: "status" }, texts.loading));
start();

async function start() {
  if (!code) return fail(texts.noCode);
  let session;
  for (;;) {
    try {
      session = await api.get(`/sessions/code/${encodeURIComponent(code)}?code_type=join`);
      break;
    } catch (error) {
      if (error instanceof ApiError && ([400, 404, 422].includes(error.status))) return fail(format(texts.wrongCode, { code }));
      replace(main, el("p", { class: "screen-error", role: "alert" }, format(texts.cannotLoad, { reason: error.message })));
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  // ?replay: the host's replay of the session, from its recording, instead of following it live.
  if (new URLSearchParams(location.search).has("replay")) startReplay(main, { session, code, badge: connectionBadge });
  else follow(session);
}

function fail(message) {
  main.classList.add("screen");
  main.dataset.mode = "error";
  replace(main, el("div", { class: "screen-problem" }, el("h1", {}, "Conflicto"), el("p", { class: "screen-error", role: "alert" }, message)));
}

function follow(initial) {
  const view = createView(main, { code, joinUrl: `${location.origin}/join/${code}` });
  const { onSnapshot, onEvents, onResults, onPresence } = createScreenState(view, { api, initial });

  const onState = (s) => {
    connectionBadge.dataset.state = s;
    connectionBadge.textContent = texts.state[s] ?? s;
  };

  let connection = null;
  async function connect() {
    connection = connectSession({ sessionId: initial.id, joinCode: code, onSnapshot, onEvents, onResults, onPresence, onState });
    try {
      await connection.start();
    } catch (error) {
      // Refused (the code no longer admits viewers): say so, and still show what REST knows.
      onState(States.Offline);
      view.showError(error.message);
    }
  }
  connect();
  watchLag();

  // How far behind the screen is: its last applied seq against the session's, polled. When it
  // stays behind without progress (a push lost on the way), it rejoins from scratch by itself.
  function watchLag() {
    let stuck = 0;
    let lastSeen = -1;
    const tick = async () => {
      try {
        // Only once the screen follows the session: before its first snapshot it is not behind, it is loading.
        if (connection?.state !== States.Connected && connection?.state !== States.Polling) { view.setLag(0, false, true); throw new Error("not following yet"); }
        const status = await api.get(`/sessions/${initial.id}/status`);
        const ours = connection.lastSeq;
        const behind = Math.max(0, (status.last_seq ?? 0) - ours);
        stuck = behind > 0 && ours === lastSeen ? stuck + 1 : 0;
        lastSeen = ours;
        view.setLag(behind, stuck > 0);
        if (stuck >= StuckPolls) {
          stuck = 0;
          const old = connection;
          await old.stop().catch(() => {});
          await connect();
        }
      } catch { /* the status endpoint is unreachable: the connection badge already says so */ }
      setTimeout(tick, StatusEveryMs);
    };
    setTimeout(tick, 1500);
  }
}
