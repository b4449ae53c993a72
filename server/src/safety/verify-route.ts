import { Type } from '@fastify/type-provider-typebox';
import { AppError } from '../platform/errors.ts';
import { languageFromAcceptHeader, normaliseLanguage } from '../platform/i18n.ts';
import type { App, Services } from '../platform/services.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { type VerificationCodeLookup, verifyValue } from './verify.ts';

/** Lookups per address per minute: plenty for a person, too few to map our registry by guessing. */
export const VERIFY_LIMIT = { limit: 30, windowMs: 60_000 } as const;

/** The public "is this really you?" check, for the verify page and anyone without the app. */
export function registerVerifyRoute(
  app: App,
  { db }: Services,
  limiter: RateLimiter,
  lookupCode: VerificationCodeLookup | null,
) {
  app.get(
    '/verify',
    {
      config: { public: true },
      schema: {
        tags: ['safety'],
        summary: 'Is this domain, link, email, phone number, @handle or email code really ours?',
        querystring: Type.Object({
          value: Type.String({ minLength: 1, maxLength: 500 }),
          lang: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request) => {
      const hit = await limiter.hit(`verify:${request.ip}`, VERIFY_LIMIT.limit, VERIFY_LIMIT.windowMs);
      if (!hit.allowed) {
        const retryAfter = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
        throw new AppError(
          'too_many_attempts',
          { retryAfter },
          { headers: { 'retry-after': String(retryAfter) } },
        );
      }
      const language =
        normaliseLanguage(request.query.lang) ??
        languageFromAcceptHeader(request.headers['accept-language']) ??
        'zh-CN';
      const v = await verifyValue(db, request.query.value, lookupCode);
      return { ...v, reason: v.reason[language], reasons: v.reason };
    },
  );
}
