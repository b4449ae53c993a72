import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../identity/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' });
});
afterAll(async () => {
  await desk?.close();
});

describe('admin: people', () => {
  it('invites an agent by one-time link; the link works once, then answers 410', async () => {
    const admin = await desk.signIn('admin');
    const teams = (await desk.app.inject({ url: '/api/v1/teams', headers: admin.read })).json()
      .items as Array<{
      id: string;
    }>;
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/invites',
      headers: admin.write,
      payload: {
        email: 'New.Hire@lumen-exchange.example',
        name: 'New Hire',
        role: 'agent',
        teamIds: [teams[0]!.id],
        chatCapacity: 3,
        language: 'en',
      },
    });
    expect(created.statusCode).toBe(201);
    const { url } = created.json() as { url: string };
    expect(url).toMatch(/^http:\/\/desk\.test\/agent\/invite\/kfi_/);
    const token = url.split('/').pop()!;

    // An agent may not invite; a forged token is refused like a used one.
    const lin = await desk.signIn('lin');
    const denied = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/invites',
      headers: lin.write,
      payload: {
        email: 'x@y.example',
        name: 'x',
        role: 'admin',
        teamIds: [],
        chatCapacity: 1,
        language: 'en',
      },
    });
    expect(denied.statusCode).toBe(403);
    const forged = await desk.app.inject({ url: `/api/v1/invites/kfi_${'A'.repeat(43)}` });
    expect(forged.statusCode).toBe(410);
    expect(forged.json().error.code).toBe('invite_invalid');

    const info = await desk.app.inject({ url: `/api/v1/invites/${token}` });
    expect(info.json()).toMatchObject({ email: 'new.hire@lumen-exchange.example', name: 'New Hire' });
    const weak = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    // A refused password does not use the link up.
    const accept = () =>
      desk.app.inject({
        method: 'POST',
        url: `/api/v1/invites/${token}/accept`,
        payload: { password: 'my-own-long-password' },
      });
    const [a, b] = await Promise.all([accept(), accept()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 410]);
    const signIn = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'new.hire@lumen-exchange.example', password: 'my-own-long-password' },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().agent).toMatchObject({ role: 'agent', chatCapacity: 3, language: 'en' });
  });

  it('deactivating hands open tickets back to the queue and ends the sessions', async () => {
    const admin = await desk.signIn('admin');
    const chen = await desk.signIn('chen');
    const db = desk.services.db;
    const [row] = await db.select().from(agents).where(eq(agents.id, chen.agentId));
    const open = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(inArray(tickets.status, ['new', 'open', 'pending']))
      .limit(2);
    for (const t of open) await db.update(tickets).set({ assigneeId: row!.id }).where(eq(tickets.id, t.id));
    const held = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.assigneeId, chen.agentId),
          inArray(tickets.status, ['new', 'open', 'pending', 'on_hold']),
        ),
      );
    expect(held.length).toBeGreaterThanOrEqual(open.length);

    const sessions = await desk.app.inject({
      url: `/api/v1/admin/agents/${chen.agentId}/sessions`,
      headers: admin.read,
    });
    expect(sessions.json().items.length).toBeGreaterThan(0);

    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/admin/agents/${chen.agentId}/deactivate`,
      headers: admin.write,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().ticketsHandedBack).toBe(held.length);
    const still = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.assigneeId, chen.agentId), inArray(tickets.status, ['new', 'open', 'pending'])));
    expect(still).toEqual([]);
    const me = await desk.app.inject({ url: '/api/v1/auth/me', headers: chen.read });
    expect(me.statusCode).toBe(401);
    const again = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/admin/agents/${chen.agentId}/deactivate`,
      headers: admin.write,
    });
    expect(again.statusCode).toBe(404);
  });

  it('resets an agent’s two-factor and ends their sessions', async () => {
    const admin = await desk.signIn('admin');
    const maya = await desk.signIn('maya');
    await desk.services.db
      .update(agents)
      .set({ totpSecret: 'JBSWY3DPEHPK3PXP' })
      .where(eq(agents.id, maya.agentId));
    const res = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/admin/agents/${maya.agentId}/reset-2fa`,
      headers: admin.write,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().twoFactor).toBe(false);
    expect((await desk.app.inject({ url: '/api/v1/auth/me', headers: maya.read })).statusCode).toBe(401);
    const log = await desk.app.inject({
      url: '/api/v1/admin/audit-log?action=agent.reset_2fa',
      headers: admin.read,
    });
    expect(log.json().items[0]).toMatchObject({ targetId: maya.agentId });
  });
});
