// Issue #20 point 4, replayed: a stolen session alone replacing the agent's second factor.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMx } from '../channels/email/test-kit.ts';
import { agents } from '../identity/schema.ts';
import { currentTotp } from '../identity/totp.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';
import { createTestDesk, DEMO_PASSWORDS, eventually, type TestDesk } from '../testing/harness.ts';
import { attacker, sessionOf, withTwoFactor } from './attack-kit.ts';

let desk: TestDesk;
let mx: Awaited<ReturnType<typeof startMx>>;
beforeAll(async () => {
  mx = await startMx();
  desk = await createTestDesk({
    EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
    EMAIL_RELAY_URL: `smtp://127.0.0.1:${mx.port}`,
    EMAIL_NOTIFY_POLL_SECONDS: '1',
  });
}, 120_000);
afterAll(async () => {
  await desk?.close();
  await mx?.close();
});

const post = (url: string, headers: Record<string, string>, payload?: object) =>
  desk.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('point 4: changing two-factor needs the password and the current factor', () => {
  it('a stolen session alone cannot enrol a new authenticator over an agent without 2FA', async () => {
    const stolen = await desk.signIn('lin');
    const enrol = await post('/auth/2fa/enrol', stolen.write);
    expect(enrol.statusCode).toBeGreaterThanOrEqual(400);
    expect(enrol.statusCode).toBeLessThan(500);
    const wrong = await post('/auth/2fa/enrol', stolen.write, { password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    const [lin] = await desk.services.db
      .select()
      .from(agents)
      .where(eq(agents.email, DEMO_PASSWORDS.lin.email));
    expect(lin!.totpPendingSecret).toBeNull();
  });

  it('a stolen session with the password still needs the current code to replace or regenerate it', async () => {
    const secret = await withTwoFactor(desk, 'omar');
    const { email, password } = DEMO_PASSWORDS.omar;
    const { inject, signIn } = attacker(desk);
    // The victim signs in on another browser.
    const victimRes = await signIn(email, password, '192.0.2.40');
    const victim = sessionOf(victimRes);
    expect(
      (
        await inject({
          method: 'POST',
          url: '/api/v1/auth/totp',
          headers: victim.write,
          payload: { code: currentTotp(secret) },
        })
      ).statusCode,
    ).toBe(200);
    // The attacker holds a signed-in session (stolen) and even the password, but not the factor.
    await desk.services.db.update(agents).set({ totpLastStep: null }).where(eq(agents.email, email));
    const stolenRes = await signIn(email, password, '203.0.113.40');
    const stolen = sessionOf(stolenRes);
    await inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers: stolen.write,
      payload: { code: currentTotp(secret, Date.now() + 30_000) },
    });
    const noCode = await post('/auth/2fa/enrol', stolen.write, { password });
    expect(noCode.statusCode).toBeGreaterThanOrEqual(400);
    expect(noCode.statusCode).toBeLessThan(500);
    const noCodes = await post('/auth/2fa/recovery-codes', stolen.write, { password });
    expect(noCodes.statusCode).toBeGreaterThanOrEqual(400);
    expect(noCodes.statusCode).toBeLessThan(500);
    const [omar] = await desk.services.db.select().from(agents).where(eq(agents.email, email));
    expect(omar!.totpSecret).toBe(secret);
    expect(omar!.totpPendingSecret).toBeNull();
    // The victim's session is still alive.
    expect(
      (await desk.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: victim.read })).statusCode,
    ).toBe(200);

    // The agent, with password and a current code, replaces the factor; the agent is told by mail.
    await desk.services.db.update(agents).set({ totpLastStep: null }).where(eq(agents.email, email));
    const enrol = await post('/auth/2fa/enrol', victim.write, { password, code: currentTotp(secret) });
    expect(enrol.statusCode).toBe(200);
    const next = (enrol.json() as { secret: string }).secret;
    const confirm = await post('/auth/2fa/confirm', victim.write, { password, code: currentTotp(next) });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    const [notice] = await desk.services.db
      .select()
      .from(agentNotifications)
      .where(and(eq(agentNotifications.agentId, omar!.id), eq(agentNotifications.kind, 'security')));
    expect(notice).toMatchObject({ email: true });
    const mail = await eventually(async () => mx.inbox.find((m) => m.rcptTo.includes(email)) ?? null, 20_000);
    expect(mail.mail.text).toMatch(/two-factor|两步验证/i);
    expect(mail.mail.text).not.toContain(next);
  }, 90_000);
});
