import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook channel's signature, the same both ways:
 *   X-Kefu-Timestamp: <unix seconds>
 *   X-Kefu-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 * Several `v1=` values separated by commas are accepted (secret rotation).
 */
export const TIMESTAMP_HEADER = 'x-kefu-timestamp';
export const SIGNATURE_HEADER = 'x-kefu-signature';
export const MAX_AGE_SECONDS = 300;

export function sign(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: `v1=${sign(secret, timestamp, body)}` };
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  now: Date,
): Verdict {
  const ts = headers[TIMESTAMP_HEADER];
  const sig = headers[SIGNATURE_HEADER];
  if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts))
    return { ok: false, reason: 'missing or malformed timestamp' };
  if (typeof sig !== 'string') return { ok: false, reason: 'missing signature' };
  const age = Math.floor(now.getTime() / 1000) - Number(ts);
  // Too old is a replay; from the future beyond the same margin is a clock or a forgery.
  if (Math.abs(age) > MAX_AGE_SECONDS)
    return { ok: false, reason: 'timestamp outside the five-minute window' };
  const expected = Buffer.from(sign(secret, Number(ts), body), 'hex');
  for (const part of sig.split(',')) {
    const m = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part);
    if (m && timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected)) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
}
