import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, errorMessage, statusOf } from './errors.ts';
import { type Language, languageFromAcceptHeader, normaliseLanguage } from './i18n.ts';
import type { App } from './services.ts';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from './unavailable.ts';

/** The caller's language: `?lang=`, else Accept-Language, else Chinese. */
export function requestLanguage(request: FastifyRequest): Language {
  let q: unknown;
  try {
    q = (request.query as Record<string, unknown> | undefined)?.lang;
  } catch {
    q = undefined; // a URL Fastify could not route (bad percent-encoding) may not parse either
  }
  return (
    normaliseLanguage(typeof q === 'string' ? q : null) ??
    languageFromAcceptHeader(request.headers['accept-language']) ??
    'zh-CN'
  );
}

/** The one error shape every route answers with: `{ "error": { "code", "message" } }`. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
) {
  const lang = requestLanguage(request);
  return reply
    .status(statusOf(code))
    .send({ error: { code, message: errorMessage(code, lang, params), ...extra } });
}

/** Fastify's own error codes, mapped to ours so a client never sees a raw 500 for bad input. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
};

/**
 * What a browser gets for an unknown page: the web front ends register their page here once they
 * are set up (a person typing a wrong link sees a page in their language, not JSON).
 */
export interface NotFoundPages {
  html?: (reply: FastifyReply) => unknown;
}

/** A browser asking for a page (not the API, not an asset): a GET or HEAD that accepts HTML. */
function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (/^\/(api|c\/assets|agent\/assets)\//.test(request.url)) return false;
  return /text\/html/.test(request.headers.accept ?? '');
}

export function registerErrorHandling(
  app: App,
  limits: { bodyBytes: number; uploadBytes: number },
  pages: NotFoundPages = {},
) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return sendError(request, reply, error.code, error.params, error.extra);
    }
    if (error.validation) {
      const detail = error.validation
        .map((v) => {
          const where = `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`;
          const extraProp = (v.params as { additionalProperty?: string }).additionalProperty;
          return extraProp
            ? `${where}: unknown field "${extraProp}"`
            : `${where} ${v.message ?? 'is invalid'}`;
        })
        .join('; ');
      return sendError(request, reply, 'validation_failed', { detail });
    }
    if (error instanceof SyntaxError && error.message.includes('JSON')) {
      return sendError(request, reply, 'invalid_json');
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      // Body-parser codes are FST_ERR_CTP_*: the check for 'FST_CTP' never matched, so a too-large
      // JSON body reported the upload limit.
      const limit = error.code?.startsWith('FST_ERR_CTP') ? limits.bodyBytes : limits.uploadBytes;
      return sendError(request, reply, mapped, { limit: formatBytes(limit), detail: error.message });
    }
    // The multipart parser's refusals (no boundary, a malformed part) are plain errors.
    if (
      /^(Multipart: |Malformed |Unexpected end of (form|multipart)|Part terminated early)/.test(error.message)
    ) {
      return sendError(request, reply, 'bad_request', {
        detail: `multipart body: ${error.message.slice(0, 100)}`,
      });
    }
    // Drizzle's refusal of an UPDATE without values: a body that changes nothing.
    if (error.message === 'No values to set') {
      return sendError(request, reply, 'validation_failed', { detail: 'body: nothing to change' });
    }
    const dbError = databaseError(error);
    // A taken unique value (a slug, a code, a keyword) is a conflict the caller can fix.
    if (dbError?.code === '23505') {
      return sendError(request, reply, 'duplicate_value', { field: takenColumns(dbError.detail) });
    }
    // Text PostgreSQL cannot hold or a number out of a column's range that slipped past the
    // schemas is still the caller's input, not our failure.
    if (dbError && DATA_ERRORS.has(dbError.code)) {
      request.log.warn({ err: error }, 'input refused by the database');
      return sendError(request, reply, 'validation_failed', {
        detail: 'a value is out of range or not allowed',
      });
    }
    // A reference to a row that does not exist (a team, an agent…) is the caller's mistake, not ours.
    if (dbError?.code === '23503') {
      return sendError(request, reply, 'validation_failed', {
        detail: 'refers to a record that does not exist',
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, 'bad_request', { detail: error.message });
    }
    // PostgreSQL or Redis away (a restart, a failover): the caller retries, nothing is broken.
    if (isDependencyUnavailable(error)) {
      request.log.warn({ err: error }, 'dependency unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendError(request, reply, 'service_unavailable');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'internal');
  });
  app.setNotFoundHandler((request, reply) => {
    if (pages.html && wantsPage(request)) return pages.html(reply.status(404));
    return sendError(request, reply, 'not_found');
  });
}

/**
 * Fastify's `frameworkErrors` option: what its router refuses before any route or hook runs (a
 * path parameter over `maxParamLength`, bad percent-encoding) answers in our shape too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendError(request, reply, 'uri_too_long');
  }
  return sendError(request, reply, 'bad_request', { detail: 'the URL is not valid (bad percent-encoding)' });
}

/** SQLSTATEs that mean "this value does not fit" (22001 too long, 22003 out of range, 22021 NUL, 22P02 bad text for the type…). */
const DATA_ERRORS = new Set([
  '22001',
  '22003',
  '22007',
  '22008',
  '22021',
  '22P02',
  '22P05',
  '2201W',
  '2201X',
  '54000',
  '54001',
]);

/** `Key (slug, lang)=(x, en) already exists.` → `slug, lang` (never the value: it may be anyone's). */
function takenColumns(detail: string | undefined): string {
  const m = detail ? /^Key \(([^)]{1,200})\)=/.exec(detail) : null;
  return m ? m[1]! : 'value';
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/** The database error (SQLSTATE and detail), however the driver or the ORM wrapped it. */
function databaseError(err: unknown): { code: string; detail?: string } | null {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, detail } = e as { code?: unknown; detail?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, detail: typeof detail === 'string' ? detail : undefined };
    }
  }
  return null;
}
