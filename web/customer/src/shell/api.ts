import { mutedNotice } from './muted.ts';
import { currentSession, ensureSession, forgetSession } from './session.ts';

/** One refused checklist answer of an `invalid_fields` error: its key, problem code and words. */
export interface FieldRefusal {
  key: string;
  problem: string;
  message?: string;
}

/** The server's error shape, `{ error: { code, message } }`, as an exception. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** `invalid_fields`: each refused answer, to show next to its field. */
  readonly fields: FieldRefusal[];
  constructor(status: number, code: string, message: string, fields: FieldRefusal[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  lang: string;
  /** Open a visitor session first when the reader has none (writes such as votes). */
  needsSession?: boolean;
  signal?: AbortSignal;
}

/** Calls /api/v1 with the reader's session and language; throws ApiError with the server's message. */
export async function api<T>(path: string, options: ApiOptions): Promise<T> {
  const session = options.needsSession ? await ensureSession() : currentSession();
  const headers: Record<string, string> = { 'accept-language': options.lang };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (res.status === 401 && session) {
    // The session ended (24 h): forget it and, once, try again as a new visitor or anonymously.
    forgetSession();
    if (!options.needsSession) return api<T>(path, options);
  }
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (
      body as { error?: { code?: string; message?: string; fields?: unknown; until?: unknown } } | null
    )?.error;
    const fields = Array.isArray(err?.fields) ? (err.fields as FieldRefusal[]) : [];
    // A mute's end in the reader's own clock, not the server's.
    const message =
      err?.code === 'customer_muted' && typeof err.until === 'string'
        ? mutedNotice(options.lang === 'en' ? 'en' : 'zh-CN', err.until)
        : (err?.message ?? res.statusText);
    throw new ApiError(res.status, err?.code ?? 'internal', message, fields);
  }
  return body as T;
}
