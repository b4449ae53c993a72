/**
 * The customer's identity in the webview. The host app opens a page with `?token=<identity JWT>`;
 * it is exchanged once for a `kfc_` session kept in sessionStorage and removed from the URL (so it
 * is not in history, screenshots or shared links). Without one the reader is a visitor; a visitor
 * session is opened only when needed (e.g. to vote) and kept in localStorage so a visitor stays
 * one visitor (one vote per article) across visits.
 */
const IDENTIFIED = 'kefu.session';
const VISITOR = 'kefu.visitor';

export interface StoredSession {
  token: string;
  expiresAt: string;
  visitor: boolean;
}

function read(storage: Storage, key: string): StoredSession | null {
  try {
    const s = JSON.parse(storage.getItem(key) ?? 'null') as StoredSession | null;
    return s && new Date(s.expiresAt).getTime() > Date.now() + 60_000 ? s : null;
  } catch {
    return null;
  }
}

export function currentSession(): StoredSession | null {
  return read(sessionStorage, IDENTIFIED) ?? read(localStorage, VISITOR);
}

export function forgetSession() {
  sessionStorage.removeItem(IDENTIFIED);
  localStorage.removeItem(VISITOR);
}

async function open(identityToken: string | null): Promise<StoredSession> {
  const res = await fetch('/api/v1/customer/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(identityToken ? { identityToken } : {}),
  });
  if (!res.ok) throw new Error(`session ${res.status}`);
  const body = (await res.json()) as { token: string; expiresAt: string };
  const session = { token: body.token, expiresAt: body.expiresAt, visitor: !identityToken };
  if (identityToken) sessionStorage.setItem(IDENTIFIED, JSON.stringify(session));
  else localStorage.setItem(VISITOR, JSON.stringify(session));
  return session;
}

/** Takes `?token=` from the URL (if any), exchanges it and strips it. Call once at start. */
export async function adoptHostIdentity(): Promise<void> {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
  try {
    await open(token);
  } catch {
    // An expired or wrong token: the pages still work as a visitor.
  }
}

/** The session to act with, opening a visitor session when there is none. */
export async function ensureSession(): Promise<StoredSession> {
  return currentSession() ?? open(null);
}
