// Issue #20 points 1, 2 and 5, replayed: brute-forcing the second factor, parallel password
// guesses, and locking an agent out from an anonymous address.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { currentTotp } from '../identity/totp.ts';
import { createTestDesk, DEMO_PASSWORDS, type TestDesk } from '../testing/harness.ts';
import { attacker, sessionOf, withTwoFactor, wrongCode } from './attack-kit.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

const limitsOf = async (admin: { read: Record<string, string> }) => {
  const res = await desk.app.inject({
    method: 'GET',
    url: '/api/v1/admin/sign-in-limits',
    headers: admin.read,
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{
    scope: string;
    key: string;
    agent: { email: string } | null;
    failures: number;
    blocked: boolean;
    blockedUntil: string;
  }>;
};

describe('point 1: the second factor cannot be brute-forced', () => {
  it('counts 2FA failures on their own: a correct password does not reset them, the factor locks', async () => {
    const { inject, signIn } = attacker(desk);
    const secret = await withTwoFactor(desk, 'omar');
    const { email, password } = DEMO_PASSWORDS.omar;
    const now = Date.now();
    const current = [-30_000, 0, 30_000].map((d) => currentTotp(secret, now + d));
    let checked = 0;
    let refused = 0;
    // A fresh sign-in with the right password every four guesses, 48 guesses in all.
    for (let round = 0; round < 12; round++) {
      const from = `198.51.100.${round + 10}`;
      const signedIn = await signIn(email, password, from);
      expect(signedIn.statusCode).toBe(200);
      const session = sessionOf(signedIn);
      for (let i = 0; i < 4; i++) {
        const res = await inject({
          method: 'POST',
          url: '/api/v1/auth/totp',
          remoteAddress: from,
          headers: session.write,
          payload: { code: wrongCode(round * 4 + i, current) },
        });
        if (res.statusCode === 401 && res.json().error.code === 'invalid_totp') checked++;
        if (res.statusCode === 429) refused++;
      }
    }
    expect(checked).toBeLessThanOrEqual(4);
    expect(refused).toBe(48 - checked);

    // Even the right code waits now: the factor is locked, not this session.
    const fresh = sessionOf(await signIn(email, password, '198.51.100.99'));
    const right = await inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      remoteAddress: '198.51.100.99',
      headers: fresh.write,
      payload: { code: currentTotp(secret) },
    });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

    // An admin sees the locked factor and clears it; the clearing is audited.
    const admin = await desk.signIn('admin');
    const row = (await limitsOf(admin)).find((r) => r.scope === 'second_factor' && r.agent?.email === email);
    expect(row).toMatchObject({ blocked: true });
    expect(row!.failures).toBeGreaterThanOrEqual(checked);
    const cleared = await inject({
      method: 'POST',
      url: '/api/v1/admin/sign-in-limits/clear',
      headers: admin.write,
      payload: { scope: row!.scope, key: row!.key },
    });
    expect(cleared.statusCode).toBe(200);
    const entries = await desk.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'sign_in_limit.clear'));
    expect(entries.length).toBeGreaterThan(0);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      remoteAddress: '198.51.100.99',
      headers: fresh.write,
      payload: { code: currentTotp(secret) },
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('point 2: the password throttle is checked and counted atomically', () => {
  it('checks at most a handful of 30 parallel wrong passwords from one address', async () => {
    const { signIn } = attacker(desk);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => signIn(DEMO_PASSWORDS.chen.email, 'wrong-password', '203.0.113.20')),
    );
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(6);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(30 - checked);
  });

  it('checks at most a handful of 30 parallel wrong passwords from 30 addresses', async () => {
    const { signIn } = attacker(desk);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn(DEMO_PASSWORDS.maya.email, 'wrong-password', `203.0.113.${100 + i}`),
      ),
    );
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(12);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(30 - checked);
  });
});

describe('point 5: an anonymous caller cannot lock an agent out', () => {
  it('wrong passwords from one address slow that address, not the admin elsewhere', async () => {
    const { signIn } = attacker(desk);
    const { email, password } = DEMO_PASSWORDS.admin;
    for (let i = 0; i < 50; i++) await signIn(email, 'wrong-password', '203.0.113.66');
    const admin = await signIn(email, password, '192.0.2.10');
    expect(admin.statusCode).toBe(200);
    // The attacker's own address is the one slowed, with a growing delay (not a fixed 15 minutes).
    const attackerAgain = await signIn(email, password, '203.0.113.66');
    expect(attackerAgain.statusCode).toBe(429);
  });

  it('a spread-out attack slows the account, but not the agent on a browser that signed in before', async () => {
    const { signIn } = attacker(desk);
    const { email, password } = DEMO_PASSWORDS.supervisor;
    const before = await signIn(email, password, '192.0.2.20');
    expect(before.statusCode).toBe(200);
    const device = before.cookies.find((c) => c.name === 'kefu_device');
    expect(device).toBeDefined();
    for (let i = 0; i < 40; i++) await signIn(email, 'wrong-password', `203.0.113.${150 + i}`);
    const stranger = await signIn(email, password, '192.0.2.21');
    expect(stranger.statusCode).toBe(429);
    expect(Number(stranger.headers['retry-after'])).toBeLessThanOrEqual(300);
    const known = await signIn(email, password, '192.0.2.20', { cookie: `kefu_device=${device!.value}` });
    expect(known.statusCode).toBe(200);

    // The admin sees the slowed account and clears it.
    const admin = await desk.signIn('admin');
    const row = (await limitsOf(admin)).find((r) => r.scope === 'account' && r.key === email);
    expect(row).toMatchObject({ blocked: true });
    const cleared = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/sign-in-limits/clear',
      headers: admin.write,
      payload: { scope: 'account', key: email },
    });
    expect(cleared.statusCode).toBe(200);
    expect((await signIn(email, password, '192.0.2.21')).statusCode).toBe(200);
    // Only admins see or clear the limits.
    const lin = await desk.signIn('lin');
    const denied = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/admin/sign-in-limits',
      headers: lin.read,
    });
    expect(denied.statusCode).toBe(403);
  });
});
