import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/services.ts';
import {
  CIVILITY_LIMITS,
  type CivilityLimits,
  checkCustomerMessage,
  checkCustomerUpload,
} from './civility.ts';
import type { RateLimiter } from './rate-limiter.ts';

/**
 * Applies the customer limits to the routes where a customer's text or files come in, without
 * touching those routes: a preHandler keyed on the route (after sign-in and validation, before
 * anything is stored). Staff are not limited here.
 */
const MESSAGE_ROUTES: Record<string, (body: Record<string, unknown>) => string> = {
  'POST /api/v1/me/tickets': (b) => `${String(b.title ?? '')}\n${String(b.description ?? '')}`,
  'POST /api/v1/me/tickets/:id/messages': (b) => String(b.body ?? ''),
};
const UPLOAD_ROUTES = new Set(['POST /api/v1/attachments']);

export function registerCivilityHooks(
  app: App,
  limiter: RateLimiter,
  limits: CivilityLimits = CIVILITY_LIMITS,
) {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const p = request.principal;
    if (p?.kind !== 'customer') return;
    const route = `${request.method} ${request.routeOptions.url}`;
    const textOf = MESSAGE_ROUTES[route];
    if (textOf) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      // A client retrying with the same id gets its stored message back, not a "repeated" refusal.
      const retryId = body.clientId ?? body.idempotencyKey ?? request.headers['idempotency-key'];
      if (typeof retryId === 'string' && (await isRetry(limiter, p.customerId, retryId))) return;
      await checkCustomerMessage(limiter, p.customerId, textOf(body), limits);
    } else if (UPLOAD_ROUTES.has(route)) {
      await checkCustomerUpload(limiter, p.customerId);
    }
  });
}

/** The same client id seen before within ten minutes (a handful of retries allowed, not a loop). */
async function isRetry(limiter: RateLimiter, customerId: string, id: string): Promise<boolean> {
  const seen = await limiter.hit(`msg:retry:${customerId}:${id}`, 1, 10 * 60_000);
  return !seen.allowed && seen.count <= 6;
}
