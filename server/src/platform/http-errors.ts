import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, errorMessage, statusOf } from './errors.ts';
import { type Language, languageFromAcceptHeader, normaliseLanguage } from './i18n.ts';
import type { App } from './services.ts';

/** The caller's language: `?lang=`, else Accept-Language, else Chinese. */
export function requestLanguage(request: FastifyRequest): Language {
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
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

export function registerErrorHandling(app: App, limits: { bodyBytes: number; uploadBytes: number }) {
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
    // A reference to a row that does not exist (a team, an agent…) is the caller's mistake, not ours.
    if (databaseErrorCode(error) === '23503') {
      return sendError(request, reply, 'validation_failed', {
        detail: 'refers to a record that does not exist',
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, 'bad_request', { detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'internal');
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'not_found'));
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/** The SQLSTATE of a database error, however the driver or the ORM wrapped it. */
function databaseErrorCode(err: unknown): string | null {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}
