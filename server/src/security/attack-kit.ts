import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { agents } from '../identity/schema.ts';
import { newTotpSecret } from '../identity/totp.ts';
import { type CustomerAuth, DEMO_PASSWORDS, type TestDesk } from '../testing/harness.ts';

/** Helpers the attack replays share: requests from a chosen network address, sessions from cookies. */
export function attacker(desk: TestDesk) {
  const inject = (opts: InjectOptions) => desk.app.inject(opts);
  async function signIn(
    email: string,
    password: string,
    from = '198.51.100.7',
    extra: Record<string, string> = {},
  ) {
    return inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: from,
      headers: extra,
      payload: { email, password },
    });
  }
  return { inject, signIn };
}

export function sessionOf(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'kefu_session');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  const read = { cookie: `kefu_session=${cookie.value}` };
  return { read, write: { ...read, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken } };
}

/** Turns two-factor on for a demo agent directly in the database; returns the secret. */
export async function withTwoFactor(desk: TestDesk, who: keyof typeof DEMO_PASSWORDS): Promise<string> {
  const secret = newTotpSecret();
  await desk.services.db
    .update(agents)
    .set({ totpSecret: secret, totpLastStep: null })
    .where(eq(agents.email, DEMO_PASSWORDS[who].email));
  return secret;
}

/** Six digits that are not the current code (nor one step either side). */
export function wrongCode(i: number, current: string[]): string {
  for (let n = i; ; n++) {
    const code = String((n * 7919 + 123457) % 1_000_000).padStart(6, '0');
    if (!current.includes(code)) return code;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request in one line: the attack files make many, each with its own headers. */
export function requester(desk: TestDesk) {
  return (method: Method, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    desk.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** A customer (a host-app uid) with a ticket of their own; the session's headers to act as them. */
export async function customerTicket(
  desk: TestDesk,
  uid: string,
  title: string,
  claims: Record<string, unknown> = {},
): Promise<{ customer: CustomerAuth; id: string; number: string }> {
  const customer = await desk.customer(uid, claims);
  const res = await requester(desk)('POST', '/api/v1/me/tickets', customer.headers, {
    title,
    description: 'USDT 提现两小时未到账',
  });
  if (res.statusCode !== 201) throw new Error(`ticket not opened: ${res.statusCode} ${res.body}`);
  const { id, number } = res.json() as { id: string; number: string };
  return { customer, id, number };
}
