#!/usr/bin/env node
/**
 * How a host app's BACKEND opens Kefu's customer pages for its signed-in user (see
 * docs/embedding.md). Never sign in the app itself: the secret must not ship in an app.
 *
 *   CUSTOMER_JWT_SECRET=… KEFU_URL=https://support.example node docs/examples/sign-identity-token.mjs 10000002
 *
 * prints a URL to open in the webview, valid for 5 minutes and exchanged once by the page.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/**
 * Signs who the user is (HS256 with the shared secret) and builds the page URL.
 * @param {{ base: string, secret: string, uid: string, claims?: Record<string, string>,
 *           page?: string, params?: Record<string, string> }} input
 */
export async function identityUrl({ base, secret, uid, claims = {}, page = '/contact', params = {} }) {
  const token = await new SignJWT({ uid, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setJti(randomUUID()) // Kefu opens one session per jti: a copied token opens no other
    .setExpirationTime('5m') // a hand-over, not a session: the server refuses more than an hour
    .sign(new TextEncoder().encode(secret));
  const url = new URL(page, base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('token', token);
  return url.toString();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = process.env.CUSTOMER_JWT_SECRET;
  if (!secret) {
    console.error('Set CUSTOMER_JWT_SECRET (the same value the Kefu server uses).');
    process.exit(1);
  }
  const url = await identityUrl({
    base: process.env.KEFU_URL ?? 'http://localhost:3000',
    secret,
    uid: process.argv[2] ?? '10000002',
    // What the app knows about its user; all optional.
    claims: { name: '李娜', language: 'zh-CN', region: 'SG' },
    page: '/tickets/new',
    // The problem the user was looking at, and facts the app already has (prefilled, marked).
    params: { lang: 'zh-CN', category: 'deposit_withdrawal', coin: 'USDT', network: 'TRC20' },
  });
  console.log(url);
}
