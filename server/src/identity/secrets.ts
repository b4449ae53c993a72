import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random opaque token with a prefix that tells what it is (kfs_ session, kfc_ customer, kft_ API). */
export function newToken(prefix: 'kfs' | 'kfc' | 'kft' | 'csrf'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens are stored as SHA-256: a leaked table gives nobody a working token. (The one-shot hash:
 * every authenticated request hashes its token, and a Hash object per call costs more.)
 */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

/** Constant-time comparison; a missing value (a secret that could not be opened) equals nothing. */
export function safeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
