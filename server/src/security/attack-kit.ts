import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { agents } from '../identity/schema.ts';
import { newTotpSecret } from '../identity/totp.ts';
import { DEMO_PASSWORDS, type TestDesk } from '../testing/harness.ts';

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
