import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFields } from '../testing/automation-kit.ts';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { computeTicketSla } from './refresh.ts';
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
    for (const [what, step] of steps) {
      const res = await step();
      expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
      const now = await storedAndFresh(id);
      expect(now.stored, what).toEqual(now.fresh);
      expect(now.storedPolicies, what).toEqual([now.policy]);
      before = now;
    }
    // The urgent policy was in force at some point, so the comparison covered a policy change.
    expect(before.policy).not.toBeNull();
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
