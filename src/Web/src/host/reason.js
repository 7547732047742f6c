// What to show when the server refuses: the problem's own words for REST, the hub's message
// (without its "HubException: 403 Forbidden:" prefix) for SignalR, else the error's message.
import { ApiError } from "../shared/api.js";

export const reasonOf = (e) => (e instanceof ApiError ? e.message : /HubException: \d{3} [^:]*: (.*)$/s.exec(e?.message ?? "")?.[1] ?? e?.message ?? String(e));
