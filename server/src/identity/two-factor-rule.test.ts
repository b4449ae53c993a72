import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, DEMO_PASSWORDS, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function setRule(roles: string[], who: 'admin' | 'supervisor' = 'admin') {
  const auth = await desk.signIn(who);
  return desk.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/two-factor-rule',
    headers: auth.write,
    payload: { roles },
  });
}

const code = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();

describe('two-factor required by role', () => {
  it('an agent of the role without it may only enrol; once enrolled the desk opens; it cannot be turned off', async () => {
    expect((await setRule(['agent'], 'supervisor')).statusCode).toBe(403);
    expect((await setRule(['agent', 'root'])).statusCode).toBe(400);
    const set = await setRule(['agent']);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ roles: ['agent'] });

    const lin = await desk.signIn('lin');
    const me = await desk.app.inject({ url: '/api/v1/auth/me', headers: lin.read });
    expect(me.json().mustEnrolTwoFactor).toBe(true);
    const desk403 = await desk.app.inject({
      url: '/api/v1/safety/channels',
      headers: { ...lin.read, 'accept-language': 'zh-CN' },
    });
    expect(desk403.statusCode).toBe(403);
    expect(desk403.json().error).toMatchObject({ code: 'two_factor_enrolment_required' });
    expect(desk403.json().error.message).toContain('两步验证');

    // Another role is not held up.
    const supervisor = await desk.signIn('supervisor');
    expect(
      (await desk.app.inject({ url: '/api/v1/safety/channels', headers: supervisor.read })).statusCode,
    ).toBe(200);

    const { password } = DEMO_PASSWORDS.lin;
    const enrol = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/2fa/enrol',
      headers: lin.write,
      payload: { password },
    });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret } = enrol.json() as { secret: string };
    const confirm = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/2fa/confirm',
      headers: lin.write,
      payload: { password, code: code(secret) },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await desk.app.inject({ url: '/api/v1/safety/channels', headers: lin.read })).statusCode).toBe(
      200,
    );
    expect(
      (await desk.app.inject({ url: '/api/v1/auth/me', headers: lin.read })).json().mustEnrolTwoFactor,
    ).toBe(false);

    const off = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/2fa/disable',
      headers: lin.write,
      payload: { password, code: code(secret) },
    });
    expect(off.statusCode, off.body).toBe(409);
    expect(off.json().error.code).toBe('two_factor_required_by_rule');

    // The rule lifted: nobody is held.
    expect((await setRule([])).json()).toEqual({ roles: [] });
    const admin = await desk.signIn('admin');
    const log = await desk.app.inject({
      url: '/api/v1/admin/audit-log?action=two_factor_rule.update',
      headers: admin.read,
    });
    expect(log.json().items.length).toBe(2);
  });
});
