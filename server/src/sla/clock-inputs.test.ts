import { readFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFields } from '../testing/automation-kit.ts';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';
import { clockSummary, computeTicketSla } from './refresh.ts';
import { ticketSlaTargets } from './schema.ts';
import { SLA_CLOCK_EVENTS } from './ticket-events.ts';

// The service-level clocks are recomputed only on the events that can move one (SLA_CLOCK_EVENTS).
// Every kind of change an agent makes, one after the other: after each, the stored clocks must be
// what a fresh computation gives. A change that moves a clock but is not in the list (a policy
// that came to depend on it) leaves stale clocks behind, and this fails.

let desk: TestDesk;
let admin: AgentAuth;
let lin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
  lin = await desk.signIn('lin');
  await defineFields(desk, admin, [
    { entity: 'ticket', key: 'network', labelZh: '网络', labelEn: 'Network', type: 'text' },
  ]);
});
afterAll(async () => {
  await desk?.close();
});

async function storedAndFresh(ticketId: string) {
  const stored = await desk.services.db
    .select()
    .from(ticketSlaTargets)
    .where(eq(ticketSlaTargets.ticketId, ticketId))
    .orderBy(asc(ticketSlaTargets.metric));
  const { policy, readings } = await computeTicketSla(desk.services.db, ticketId, new Date());
  // The ticket's own row carries the summary of its clocks that the inbox reads (sort, filters,
  // badges); it must say what the clocks say.
  const [row] = await desk.services.db
    .select({ slaDueAt: tickets.slaDueAt, slaWarnAt: tickets.slaWarnAt, slaPaused: tickets.slaPaused })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  const summaryText = (x: { slaDueAt: Date | null; slaWarnAt: Date | null; slaPaused: boolean }) =>
    `due ${x.slaDueAt?.getTime() ?? null} warn ${x.slaWarnAt?.getTime() ?? null} paused ${x.slaPaused}`;
  const shape = (r: {
    metric: string;
    state: string;
    targetMs: number;
    dueAt: number | null;
    startedAt: number;
  }) => `${r.metric} ${r.state} ${r.targetMs} ${r.dueAt} ${r.startedAt}`;
  return {
    stored: stored.map((s) =>
      shape({
        metric: s.metric,
        state: s.state,
        targetMs: s.targetMs,
        dueAt: s.dueAt?.getTime() ?? null,
        startedAt: s.startedAt.getTime(),
      }),
    ),
    storedPolicies: [...new Set(stored.map((s) => s.policyId))],
    fresh: [...readings].sort((a, b) => a.metric.localeCompare(b.metric)).map(shape),
    policy: policy?.id ?? null,
    summary: summaryText(row!),
    freshSummary: summaryText(clockSummary(readings)),
    paused: row!.slaPaused,
  };
}

describe('service-level clocks follow only what moves them', () => {
  it('after every kind of change, the stored clocks are a fresh computation', async () => {
    expect(SLA_CLOCK_EVENTS).not.toContain('assignee.changed');
    const customer = await desk.customer('sla-inputs');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'USDT 提现未到账', description: '提现两个小时还在处理中' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const teams = (await desk.app.inject({ url: '/api/v1/teams', headers: admin.read })).json()
      .items as Array<{
      id: string;
      code: string;
    }>;
    const account = teams.find((t) => t.code === 'account')!.id;
    const steps: Array<[string, () => Promise<{ statusCode: number; body: string }>]> = [
      ['assignee', () => patch(id, { assigneeId: lin.agentId })],
      ['tags', () => patch(id, { tags: ['vip', 'trc20'] })],
      ['custom field', () => patch(id, { customFields: { network: 'trc20' } })],
      ['priority (another policy)', () => patch(id, { priority: 'urgent' })],
      ['team', () => patch(id, { teamId: account })],
      ['status pending', () => patch(id, { status: 'pending' })],
      ['agent reply', () => reply(id, '我们已在核查，请稍候。')],
      ['priority back', () => patch(id, { priority: 'normal' })],
      ['unassigned', () => patch(id, { assigneeId: null })],
    ];
    let before = await storedAndFresh(id);
    expect(before.stored.length).toBeGreaterThan(0);
    // As the ticket's insert wrote it.
    expect(before.summary, 'created').toEqual(before.freshSummary);
    let sawPaused = false;
    for (const [what, step] of steps) {
      const res = await step();
      expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
      const now = await storedAndFresh(id);
      expect(now.stored, what).toEqual(now.fresh);
      expect(now.storedPolicies, what).toEqual([now.policy]);
      expect(now.summary, what).toEqual(now.freshSummary);
      sawPaused ||= now.paused;
      before = now;
    }
    // The urgent policy was in force at some point, so the comparison covered a policy change;
    // the pending step paused the clocks, so it covered the paused flag too.
    expect(before.policy).not.toBeNull();
    expect(sawPaused).toBe(true);
  });
});

describe('migration 0031', () => {
  it("backfills each existing ticket's summary of its clocks as the subscriber keeps it", async () => {
    const db = desk.services.db;
    const customer = await desk.customer('sla-backfill');
    const ids: string[] = [];
    for (const title of ['提现未到账', 'KYC pending'])
      ids.push(
        (
          await desk.app.inject({
            method: 'POST',
            url: '/api/v1/me/tickets',
            headers: customer.headers,
            payload: { title, description: `${title}，请帮忙看看` },
          })
        ).json().id,
      );
    expect((await patch(ids[1]!, { status: 'pending' })).statusCode).toBe(200);
    const expected = await Promise.all(ids.map(async (id) => (await storedAndFresh(id)).summary));
    // As a desk that ran the migrations before 0031 had them: nothing on the ticket's row.
    for (const id of ids)
      await db.update(tickets).set({ slaWarnAt: null, slaPaused: false }).where(eq(tickets.id, id));
    const migration = readFileSync(
      new URL('../db/migrations/0031_ticket_sla_summary.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((part) => part.replace(/^\s*--.*$/gm, '').trim())
      .filter((part) => part.startsWith('UPDATE'));
    expect(backfill).toHaveLength(1);
    await db.execute(sql.raw(backfill[0]!));
    const after = await Promise.all(ids.map(async (id) => (await storedAndFresh(id)).summary));
    expect(after).toEqual(expected);
    expect(after[1]).toContain('paused true');
  });
});

function patch(id: string, payload: Record<string, unknown>) {
  return desk.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: admin.write, payload });
}

function reply(id: string, body: string) {
  return desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/messages`,
    headers: lin.write,
    payload: { body },
  });
}
