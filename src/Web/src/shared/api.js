// REST calls to /api/v1 with the credentials of the page's role. Errors become ApiError with the
// problem+json `detail` (and field errors), so a page can show the server's reason as it is.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** The first message for a field (e.g. "nickname"), or the general detail. */
  messageFor(field) {
    const errors = this.problem.errors?.[field];
    return errors?.length ? errors[0] : this.message;
  }
}

/**
 * @param {{ adminCode?: string, token?: string }} credentials X-Admin-Code for a host,
 *        the participant token (Authorization: Bearer) for a participant, nothing for a viewer.
 */
export function createApi(credentials = {}) {
  async function request(method, path, body, { etag, idempotencyKey } = {}) {
    const headers = { Accept: "application/json" };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (credentials.adminCode) headers["X-Admin-Code"] = credentials.adminCode;
    if (credentials.token) headers.Authorization = `Bearer ${credentials.token}`;
    if (etag) headers["If-None-Match"] = etag;
    const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 304) return { notModified: true, etag };
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = response.ok ? text : { detail: text }; }
    if (!response.ok) throw new ApiError(response.status, json);
    return etag === undefined ? json : { body: json, etag: response.headers.get("ETag") };
  }

  return {
    get: (path, options) => request("GET", path, undefined, options),
    /** options.idempotencyKey: the same key on every retry of one submission stores it once. */
    post: (path, body, options) => request("POST", path, body ?? {}, options),
    put: (path, body) => request("PUT", path, body ?? {}),
    patch: (path) => request("PATCH", path, undefined),
    del: (path) => request("DELETE", path, undefined),
    /** Uploads a file as the raw body (media: POST /sessions/{id}/media); the server reads its type from the bytes. */
    async upload(path, file) {
      const headers = { Accept: "application/json", "Content-Type": file.type || "application/octet-stream" };
      if (credentials.adminCode) headers["X-Admin-Code"] = credentials.adminCode;
      const response = await fetch(`/api/v1${path}`, { method: "POST", headers, body: file });
      const json = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, json);
      return json;
    },
    /** A fresh idempotency key for a submission (kept across its retries). */
    newKey: () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`),
  };
}

/** The HTTP status a refused hub call carries ("HubException: 409 Conflict: …"), or 0. */
export function hubStatus(error) {
  const match = /HubException: (\d{3})/.exec(error?.message ?? "") ?? /^(\d{3}) /.exec(error?.message ?? "");
  return match ? Number(match[1]) : 0;
}

/** The human part of a refused hub call's message. */
export function hubReason(error) {
  const message = error?.message ?? "";
  const match = /HubException: \d{3} [^:]*: (.*)$/s.exec(message);
  return match ? match[1] : message;
}

/** What to show when the server refuses: the problem's own words for REST, the hub's reason for SignalR. */
export const reasonOf = (error) => (error instanceof ApiError ? error.message : hubReason(error) || String(error));
