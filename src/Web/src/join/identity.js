// The participant's identity per join code in localStorage, so a reload (or the QR link opened
// again) rejoins silently with the same token instead of creating a new participant.
const key = (code) => `conflicto.join.${code.toUpperCase()}`;

/** @returns {{ sessionId: number, participantId: number, token: string, nickname: string } | null} */
export function loadIdentity(code) {
  try {
    const value = JSON.parse(localStorage.getItem(key(code)) ?? "null");
    return value?.token && value?.sessionId ? value : null;
  } catch {
    return null;
  }
}

export function saveIdentity(code, identity) {
  try { localStorage.setItem(key(code), JSON.stringify(identity)); } catch { /* private mode: this tab only */ }
}

export function clearIdentity(code) {
  try { localStorage.removeItem(key(code)); } catch { /* nothing kept */ }
}
