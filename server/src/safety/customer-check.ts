import { Type } from '@fastify/type-provider-typebox';
import { requireCustomer } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/services.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { scanText } from './scan.ts';

/** Checks per customer per minute: a form's summary needs a few; a scraper of the detector more. */
export const CHECK_LIMIT = { limit: 20, windowMs: 60_000 } as const;

/**
 * The ticket form's summary asks, before sending, whether the customer's text holds a secret (a
 * seed phrase, a private key, a password…). The text is scanned in memory and never stored or
 * logged; the answer is the kinds found and the masked text, which is what the form then sends.
 */
export function registerCustomerSafetyCheck(app: App, limiter: RateLimiter) {
  app.post(
    '/me/safety/check',
    {
      schema: {
        tags: ['customer'],
        summary: 'Does my text contain a secret? (scanned in memory, never stored)',
        body: Type.Object(
          {
            texts: Type.Record(
              Type.String({ pattern: '^[\\w.-]{1,64}$' }),
              Type.String({ maxLength: 20_000 }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const hit = await limiter.hit(`safety-check:${me.customerId}`, CHECK_LIMIT.limit, CHECK_LIMIT.windowMs);
      if (!hit.allowed) {
        const retryAfter = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
        throw new AppError(
          'too_many_attempts',
          { retryAfter },
          { headers: { 'retry-after': String(retryAfter) } },
        );
      }
      const entries = Object.entries(request.body.texts);
      if (entries.length > 30) throw new AppError('validation_failed', { detail: 'texts: at most 30' });
      const results: Record<string, { kinds: string[]; masked: string }> = {};
      for (const [key, text] of entries) {
        const { findings, masked } = scanText(text, { from: 'customer' });
        if (findings.length) results[key] = { kinds: [...new Set(findings.map((f) => f.kind))], masked };
      }
      return { secretFound: Object.keys(results).length > 0, fields: results };
    },
  );
}
