import type { Attachment } from './types.ts';

/**
 * The workspace's only way to the server: the documented REST API under /api/v1, with the session
 * cookie (sent by the browser) and the CSRF token on every write.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The agent's language: the server answers errors in it (Accept-Language), not the browser's. */
let language: string | null = null;
export function setApiLanguage(value: string | null) {
  language = value;
}

/** Called when the server says the session is gone, so the app can show sign-in. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void) {
  onSignedOut = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (language) headers['accept-language'] = language;
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const failure = new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? res.statusText);
    if (res.status === 401 && (err?.code === 'unauthenticated' || err?.code === 'session_expired')) {
      if (!path.startsWith('/auth/')) onSignedOut();
    }
    throw failure;
  }
  return data as T;
}

/** Builds a query string from filter values, repeating keys for arrays and skipping empty ones. */
export function queryString(params: Record<string, string | string[] | number | boolean | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Uploads one file to the attachments store (its content checks and size limit); link it by id. */
export function uploadAttachment(file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<Attachment>('POST', '/attachments', form);
}
