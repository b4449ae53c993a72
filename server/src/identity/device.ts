import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, safeEqual } from './secrets.ts';

/**
 * A browser an agent has fully signed in on before carries a device cookie naming that account.
 * The account-wide sign-in delay does not apply to it, so someone spreading wrong passwords over
 * many addresses slows strangers' attempts on the account but never locks the agent out of their
 * own browser (OWASP's "device cookies"). The cookie is signed with APP_SECRET and names the
 * account by a MAC only; it proves nothing else and opens no session.
 */
export const DEVICE_COOKIE = 'kefu_device';
const DEVICE_MAX_AGE_S = 180 * 24 * 3600;

function macFor(secret: string, email: string, nonce: string): string {
  return hmac(secret, `device\u0000${email.toLowerCase()}\u0000${nonce}`);
}

export function isKnownDevice(request: FastifyRequest, secret: string, email: string): boolean {
  const raw = request.cookies[DEVICE_COOKIE];
  if (!raw || raw.length > 200) return false;
  const [nonce, mac] = raw.split('.');
  if (!nonce || !mac) return false;
  return safeEqual(mac, macFor(secret, email, nonce));
}

export function setDeviceCookie(reply: FastifyReply, secret: string, email: string, secure: boolean): void {
  const nonce = randomBytes(12).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, `${nonce}.${macFor(secret, email, nonce)}`, {
    path: '/api/v1/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: DEVICE_MAX_AGE_S,
  });
}
