import { hash } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import type { RateLimiter } from './rate-limiter.ts';

/**
 * The pace a customer may write at. Generous for a person typing, tight for a script: a burst of
 * a few messages, a sustained rate over ten minutes, the same text at most twice in ten minutes,
 * and a cap on uploads per minute. Over a limit the customer gets a 429 saying why and when to
 * go on; nothing is dropped silently.
 */
export interface CivilityLimits {
  burst: { limit: number; windowMs: number };
  sustained: { limit: number; windowMs: number };
  repeated: { limit: number; windowMs: number };
  attachments: { limit: number; windowMs: number };
  maxMessageChars: number;
}

export const CIVILITY_LIMITS: CivilityLimits = {
  burst: { limit: 6, windowMs: 10_000 },
  sustained: { limit: 40, windowMs: 10 * 60_000 },
  repeated: { limit: 2, windowMs: 10 * 60_000 },
  attachments: { limit: 10, windowMs: 60_000 },
  maxMessageChars: 8_000,
};

/** The default limits with the pace an operator configured (CUSTOMER_MESSAGES_PER_10S / _PER_10MIN). */
export function civilityLimitsFor(pace: {
  per10Seconds: number;
  per10Minutes: number;
  sameTextPer10Minutes: number;
}): CivilityLimits {
  return {
    ...CIVILITY_LIMITS,
    burst: { ...CIVILITY_LIMITS.burst, limit: pace.per10Seconds },
    sustained: { ...CIVILITY_LIMITS.sustained, limit: pace.per10Minutes },
    repeated: { ...CIVILITY_LIMITS.repeated, limit: pace.sameTextPer10Minutes },
  };
}

type Limits = CivilityLimits;

export async function checkCustomerMessage(
  limiter: RateLimiter,
  customerId: string,
  text: string,
  limits: Limits = CIVILITY_LIMITS,
): Promise<void> {
  if (text.length > limits.maxMessageChars)
    throw new AppError('message_too_long', { max: limits.maxMessageChars });
  const burst = await limiter.hit(`msg:burst:${customerId}`, limits.burst.limit, limits.burst.windowMs);
  if (!burst.allowed) throw limited('slow_down', burst.retryAfterMs);
  const sustained = await limiter.hit(
    `msg:sustained:${customerId}`,
    limits.sustained.limit,
    limits.sustained.windowMs,
  );
  if (!sustained.allowed) throw limited('slow_down', sustained.retryAfterMs);
  const digest = hash('sha256', text.trim().replace(/\s+/g, ' ').toLowerCase(), 'base64url');
  const same = await limiter.hit(
    `msg:same:${customerId}:${digest}`,
    limits.repeated.limit,
    limits.repeated.windowMs,
  );
  if (!same.allowed) throw limited('repeated_message', same.retryAfterMs);
}

export async function checkCustomerUpload(
  limiter: RateLimiter,
  customerId: string,
  limits: Limits = CIVILITY_LIMITS,
) {
  const r = await limiter.hit(`upload:${customerId}`, limits.attachments.limit, limits.attachments.windowMs);
  if (!r.allowed) throw limited('too_many_attachments', r.retryAfterMs);
}

function limited(code: 'slow_down' | 'repeated_message' | 'too_many_attachments', retryAfterMs: number) {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(code, { retryAfter }, { headers: { 'retry-after': String(retryAfter) } });
}
