import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAgents, chatSessions } from '../chat/schema.ts';
import { categories, teams } from '../desk/schema.ts';
import { helpArticles, helpDeflections } from '../help/schema.ts';
import { agents } from '../identity/schema.ts';
import { slaPolicies } from '../sla/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('server help for the customer contact pages', () => {
  it('checks a customer text for secrets without storing it, and only for a signed-in customer', async () => {
    const anonymous = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/safety/check',
      payload: { texts: { description: 'x' } },
    });
    expect(anonymous.statusCode).toBe(401);
    const customer = await desk.customer('u-check-1');
    const phrase = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/safety/check',
      headers: customer.headers,
      payload: { texts: { description: `我的助记词是 ${phrase} 请帮我找回`, title: '充值没到账' } },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.secretFound).toBe(true);
    expect(Object.keys(body.fields)).toEqual(['description']);
    expect(body.fields.description.masked).not.toContain('abandon ability');
    const clean = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/safety/check',
      headers: customer.headers,
      payload: { texts: { description: '充值三小时没到账' } },
    });
    expect(clean.json()).toEqual({ secretFound: false, fields: {} });
  });

  it('records a deflection and counts it on the suggestion', async () => {
    const suggest = async () =>
      (await desk.app.inject({ method: 'GET', url: '/api/v1/help/suggest?q=充币未到账&lang=zh-CN' })).json()
        .suggestions as Array<{ id: string; endedAttempts: number }>;
    const [first] = await suggest();
    expect(first).toBeDefined();
    expect(first!.endedAttempts).toBe(0);
    const reader = await desk.customer('u-deflect-1');
    const record = (articleId: string, headers: Record<string, string> = reader.headers) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/help/deflections',
        headers,
        payload: { articleId, surface: 'ticket_form' },
      });
    expect((await record(first!.id, {})).statusCode).toBe(401);
    expect((await record(first!.id)).statusCode).toBe(201);
    expect((await record(first!.id)).statusCode).toBe(201); // a second tap counts once
    const again = (await suggest()).find((s) => s.id === first!.id);
    expect(again?.endedAttempts).toBe(1);
    const rows = await desk.services.db
      .select()
      .from(helpDeflections)
      .where(eq(helpDeflections.articleId, first!.id));
    expect(rows).toHaveLength(1);
    const [draft] = await desk.services.db
      .select({ id: helpArticles.id })
      .from(helpArticles)
      .where(eq(helpArticles.status, 'draft'));
    if (draft) {
      expect((await record(draft.id)).statusCode).toBe(404);
    }
  });

  it('lists the official social accounts publicly, without send-only mailboxes', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/api/v1/contact/official-accounts' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ kind: string; value: string; url: string | null }>;
    expect(items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['telegram', 'wechat', 'weibo', 'email']),
    );
    expect(items.some((i) => i.value.startsWith('noreply'))).toBe(false);
    expect(items.find((i) => i.kind === 'telegram')?.url).toMatch(/^https:\/\/t\.me\//);
    expect(items.find((i) => i.kind === 'wechat')?.url).toBeNull();
    expect(items.some((i) => i.kind === 'domain' || i.kind === 'phone')).toBe(false);
  });

  it('gives the expected ticket reply from the service level, and the chat wait from the live queue', async () => {
    const { db } = desk.services;
    const [funds] = await db
      .select({ id: categories.id, teamId: categories.teamId })
      .from(categories)
      .where(eq(categories.code, 'deposit_withdrawal'));
    const url = `/api/v1/contact/options?categoryId=${funds!.id}&region=CN&urgent=true`;
    const before = (await desk.app.inject({ method: 'GET', url })).json();
    // The desk's default policy, counted in business hours from now: a number, not a constant.
    expect(typeof before.live.ticketReplyHours).toBe('number');
    expect(before.live.chat.humanOnShift).toBe(false);

    const [policy] = await db
      .insert(slaPolicies)
      .values({
        name: 'funds first reply',
        categoryIds: [funds!.id],
        businessTime: false,
        firstResponseMinutes: 90,
      })
      .returning();
    // An agent of the team whose chat node vouches for them, busy with one chat (so the chat
    // module's own routing has no free slot to hand the queue to), and two customers waiting.
    const [lin] = await db
      .select({ id: agents.id })
      .from(agents)
      .where(eq(agents.email, 'lin@lumen-exchange.example'));
    await db.update(agents).set({ chatCapacity: 1 }).where(eq(agents.id, lin!.id));
    await db.insert(chatAgents).values({ agentId: lin!.id, status: 'online' });
    const [busy, ...waiting] = await db
      .select({ id: tickets.id, customerId: tickets.customerId })
      .from(tickets)
      .limit(3);
    await db.insert(chatSessions).values([
      {
        ticketId: busy!.id,
        customerId: busy!.customerId,
        teamId: funds!.teamId,
        state: 'assigned' as const,
        agentId: lin!.id,
        assignedAt: new Date(),
      },
      ...waiting.map((t, i) => ({
        ticketId: t.id,
        customerId: t.customerId,
        teamId: funds!.teamId,
        state: 'queued' as const,
        queueRank: i + 1,
      })),
    ]);
    const after = (await desk.app.inject({ method: 'GET', url })).json();
    expect(after.live.ticketReplyHours).toBe(1.5);
    expect(after.live.chat).toMatchObject({ humanOnShift: true, queueLength: 2 });
    // One slot, just taken, two ahead: three of the estimator's prior handle times (300 s each).
    expect(after.live.chat.estimatedWaitSeconds).toBeGreaterThanOrEqual(895);
    expect(after.live.chat.estimatedWaitSeconds).toBeLessThanOrEqual(900);
    await db.delete(slaPolicies).where(eq(slaPolicies.id, policy!.id));
    const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, funds!.teamId!));
    expect(team).toBeDefined();
  });
});
