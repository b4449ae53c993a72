// Row 4's attack through the admin routes (security round of 2026-12-03): changing one's own
// password or second factor asks for the current password (and a current code), but an admin's
// stolen session could do both for that admin through the routes meant for other agents:
// `POST /admin/agents/<self>/reset-2fa` removed the second factor and `PATCH /admin/agents/<self>
// {password}` set a password of the thief's choosing (200, nothing else asked), a lasting hold on
// the account. And an agent whose second factor or password an admin reset was not told (row 4
// tells the agent of every change, by mail too).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../identity/schema.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';
import { type AgentAuth, createTestDesk, DEMO_PASSWORDS, type TestDesk } from '../testing/harness.ts';
import { requester, withTwoFactor } from './attack-kit.ts';

let desk: TestDesk;
// Sessions opened before any second factor is set: what a thief holds, without the phone.
let admin: AgentAuth;
let supervisor: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
  supervisor = await desk.signIn('supervisor');
});
afterAll(async () => {
  await desk?.close();
});

async function secretOf(agentId: string) {
  const [row] = await desk.services.db
    .select({ totpSecret: agents.totpSecret })
    .from(agents)
    .where(eq(agents.id, agentId));
  return row?.totpSecret ?? null;
}

describe("an admin's own sign-in through the routes meant for other agents", () => {
  it("an admin's session cannot reset that admin's own second factor", async () => {
    const api = requester(desk);
    await withTwoFactor(desk, 'admin');
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await api('POST', `/api/v1/admin/agents/${admin.agentId}/reset-2fa`, {
        ...admin.write,
        'accept-language': lang,
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('two_factor_reset_self');
      expect(res.json().error.message).toContain(lang === 'en' ? 'security settings' : '安全设置');
    }
    expect(await secretOf(admin.agentId)).not.toBeNull();
  });

  it('the agent whose second factor an admin reset is told, in the workspace and by mail', async () => {
    const api = requester(desk);
    await withTwoFactor(desk, 'supervisor');
    const res = await api('POST', `/api/v1/admin/agents/${supervisor.agentId}/reset-2fa`, admin.write);
    expect(res.statusCode, res.body).toBe(200);
    expect(await secretOf(supervisor.agentId)).toBeNull();
    const told = await desk.services.db
      .select()
      .from(agentNotifications)
      .where(
        and(eq(agentNotifications.agentId, supervisor.agentId), eq(agentNotifications.kind, 'security')),
      );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ inApp: true, email: true });
    expect(`${told[0]!.title} ${told[0]!.body}`).toMatch(/两步验证|two-factor/i);
  });

  it("an admin's session cannot set that admin's own password; another agent's reset is told to them", async () => {
    const api = requester(desk);
    const self = await api('PATCH', `/api/v1/admin/agents/${admin.agentId}`, admin.write, {
      password: 'chosen-by-the-thief-123',
    });
    expect(self.statusCode, self.body).toBe(409);
    expect(self.json().error.code).toBe('password_change_self');
    const thief = await api(
      'POST',
      '/api/v1/auth/sign-in',
      {},
      {
        email: DEMO_PASSWORDS.admin.email,
        password: 'chosen-by-the-thief-123',
      },
    );
    expect(thief.statusCode).toBe(401);

    const lin = await desk.signIn('lin');
    const reset = await api('PATCH', `/api/v1/admin/agents/${lin.agentId}`, admin.write, {
      password: 'a-new-password-for-lin-1',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const told = await desk.services.db
      .select()
      .from(agentNotifications)
      .where(and(eq(agentNotifications.agentId, lin.agentId), eq(agentNotifications.kind, 'security')));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ inApp: true, email: true });
  });
});
