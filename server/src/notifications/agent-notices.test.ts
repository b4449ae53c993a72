import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../identity/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { notifyAgents } from './agent-notices.ts';
import { agentNotificationPrefs, agentNotifications } from './agent-schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('agents’ notices follow each agent’s choice', () => {
  it('in the workspace by default, by mail or not at all as chosen, never to a disabled agent, once per cause', async () => {
    const { db } = desk.services;
    // Looked up, not signed in: four sign-ins at once trip the sign-in limit on a shared Redis.
    const byEmail = new Map(
      (await db.select({ id: agents.id, email: agents.email }).from(agents)).map((a) => [
        a.email,
        { agentId: a.id },
      ]),
    );
    const [lin, chen, maya, omar] = (['lin', 'chen', 'maya', 'omar'] as const).map((who) =>
      byEmail.get(`${who}@lumen-exchange.example`),
    );
    await db.insert(agentNotificationPrefs).values([
      // chen wants customer replies by mail only; maya wants none.
      { agentId: chen!.agentId, kind: 'customer_reply', inApp: false, email: true },
      { agentId: maya!.agentId, kind: 'customer_reply', inApp: false, email: false },
    ]);
    await db.update(agents).set({ disabledAt: new Date() }).where(eq(agents.id, omar!.agentId));
    const source = `notice-test-${Date.now()}`;
    const notice = (agentId: string, kind: 'customer_reply' | 'assigned' = 'customer_reply') => ({
      agentId,
      ticketId: null,
      kind,
      sourceKey: source,
      title: 'KF-1 提现未到账',
      body: '还没到',
    });

    const raised = await notifyAgents(db, [
      notice(lin!.agentId),
      notice(lin!.agentId), // the same cause twice in one call
      notice(chen!.agentId),
      notice(maya!.agentId),
      notice(maya!.agentId, 'assigned'), // another kind keeps its default
      notice(omar!.agentId),
    ]);
    expect(raised).toBe(3);
    // Raised again: nothing new.
    expect(await notifyAgents(db, [notice(lin!.agentId), notice(chen!.agentId)])).toBe(0);

    const rows = await db
      .select()
      .from(agentNotifications)
      .where(
        and(
          eq(agentNotifications.sourceKey, source),
          inArray(agentNotifications.agentId, [lin!.agentId, chen!.agentId, maya!.agentId, omar!.agentId]),
        ),
      );
    const seen = rows
      .map(
        (r) =>
          `${r.agentId === lin!.agentId ? 'lin' : r.agentId === chen!.agentId ? 'chen' : r.agentId === maya!.agentId ? 'maya' : 'omar'}:${r.kind}:${r.inApp}:${r.email}`,
      )
      .sort();
    expect(seen).toEqual([
      'chen:customer_reply:false:true',
      'lin:customer_reply:true:false',
      'maya:assigned:true:false',
    ]);
    expect(
      rows.every((r) => r.title === 'KF-1 提现未到账' && r.body === '还没到' && r.ticketId === null),
    ).toBe(true);
    await db.update(agents).set({ disabledAt: null }).where(eq(agents.id, omar!.agentId));
  });
});
