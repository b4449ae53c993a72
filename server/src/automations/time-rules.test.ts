import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../db/client.ts';
import { agentTeams, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';
import { slaCalendarDays, slaCalendars, ticketSlaTargets } from '../sla/schema.ts';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { ticketEvents } from '../tickets/schema.ts';
import { runTimeRules } from './time-rules.ts';
import { timeRuleFirings, timeRules } from './time-schema.ts';

let desk: TestDesk;
let admin: AgentAuth;
let teamId: string;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
  const db = desk.services.db;
  // A team of its own with a Beijing office calendar (Mon–Fri 09–18) and Tuesday 3 Nov 2026 off.
  const [team] = await db
    .insert(teams)
    .values({ nameZh: '定时规则组', nameEn: 'Time rules team', code: 'time-rules' })
    .returning();
  teamId = team!.id;
  const day = [['09:00', '18:00']] as Array<[string, string]>;
  const [cal] = await db
    .insert(slaCalendars)
    .values({
      code: 'time-rules-test',
      name: 'time rules',
      timeZone: 'Asia/Shanghai',
      weekly: { '1': day, '2': day, '3': day, '4': day, '5': day, '6': [], '7': [] },
      teamId,
    })
    .returning();
  await db.insert(slaCalendarDays).values({ calendarId: cal!.id, day: '2026-11-03', kind: 'off' });
});
afterAll(async () => {
  await desk?.close();
});
// Each test starts with no rules, whatever the one before left.
beforeEach(async () => {
  await desk.services.db.delete(timeRules);
});

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who = admin) =>
  desk.app.inject({ method, url, headers: who.write, ...(payload ? { payload } : {}) });

async function openTicket(uid: string, title: string) {
  const customer = await desk.customer(uid);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description: `${title}: details` },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
}

/** A ticket of the test team put pending on the customer at `since`. */
async function pendingSince(uid: string, since: string, tags: string[] = []) {
  const t = await openTicket(uid, `Pending ${uid}`);
  const res = await api('PATCH', `/api/v1/tickets/${t.id}`, { teamId, status: 'pending', tags });
  expect(res.statusCode, res.body).toBe(200);
  await desk.services.db
    .update(ticketEvents)
    .set({ createdAt: new Date(since) })
    .where(and(eq(ticketEvents.ticketId, t.id), eq(ticketEvents.kind, 'status')));
  return t;
}

async function detail(id: string) {
  return (await api('GET', `/api/v1/tickets/${id}`)).json();
}

const fired = (d: { history: Array<{ kind: string; to: { name?: string } }> }, name: string) =>
  d.history.filter((h) => h.kind === 'automation_fired' && h.to?.name === name).length;

describe('time-based automations', () => {
  it('reminds after 3 working days pending and solves after 7, on the team calendar, once each', async () => {
    const remind = await api('POST', '/api/v1/admin/time-rules', {
      name: '3 个工作日未回复提醒',
      when: { type: 'status_for', status: 'pending', amount: 3, unit: 'business_days' },
      conditions: [{ field: 'tags', op: 'includes_none', value: ['no-reminder'] }],
      actions: [
        {
          type: 'reply',
          zh: '{{customer.name}}您好，工单 {{ticket.number}} 仍在等待您的回复。',
          en: 'Still waiting',
        },
        { type: 'add_tags', tags: ['reminded'] },
      ],
    });
    expect(remind.statusCode, remind.body).toBe(201);
    const solve = await api('POST', '/api/v1/admin/time-rules', {
      name: '7 个工作日自动解决',
      position: 1,
      when: { type: 'status_for', status: 'pending', amount: 7, unit: 'business_days' },
      actions: [
        { type: 'reply', zh: '由于长时间未收到回复，工单已自动解决。', en: 'Solved for lack of reply.' },
        { type: 'status', value: 'solved' },
      ],
    });
    expect(solve.statusCode).toBe(201);
    // Pending since Monday 2 Nov 10:00 Beijing time; Tuesday is off, so working days 1–3 are
    // Wed, Thu, Fri: due Friday 6 Nov 10:00 (02:00 UTC). Counting Tuesday would make it Thursday.
    const t = await pendingSince('time-1', '2026-11-02T02:00:00Z');
    const quiet = await pendingSince('time-2', '2026-11-02T02:00:00Z', ['no-reminder']);

    expect((await runTimeRules(desk.services, new Date('2026-11-05T02:01:00Z'))).fired).toBe(0);
    const dueAt = async (at: string) =>
      (await api('GET', `/api/v1/admin/time-rules/${remind.json().id}/due?at=${at}`))
        .json()
        .items.map((i: { number: string }) => i.number);
    expect(await dueAt('2026-11-05T02:01:00Z')).not.toContain(t.number);
    expect(await dueAt('2026-11-06T02:01:00Z')).toEqual(expect.arrayContaining([t.number, quiet.number]));

    expect((await runTimeRules(desk.services, new Date('2026-11-06T02:01:00Z'))).fired).toBe(1);
    let d = await detail(t.id);
    expect(d.status).toBe('pending');
    expect(d.tags).toContain('reminded');
    expect(fired(d, '3 个工作日未回复提醒')).toBe(1);
    expect(d.messages.at(-1).body).toContain(`工单 ${t.number} 仍在等待您的回复`);
    expect(d.messages.at(-1).visibility).toBe('public');
    // The tag condition kept the other one quiet.
    expect(fired(await detail(quiet.id), '3 个工作日未回复提醒')).toBe(0);

    // Later scans do not repeat the reminder; the 7-day rule waits for Thu 12 Nov 10:00.
    expect((await runTimeRules(desk.services, new Date('2026-11-12T01:59:00Z'))).fired).toBe(0);
    expect((await runTimeRules(desk.services, new Date('2026-11-12T02:01:00Z'))).fired).toBe(2);
    d = await detail(t.id);
    expect(d.status).toBe('solved');
    expect(fired(d, '3 个工作日未回复提醒')).toBe(1);
    expect(fired(d, '7 个工作日自动解决')).toBe(1);
    expect(d.messages.at(-1).body).toBe('由于长时间未收到回复，工单已自动解决。');
    expect((await detail(quiet.id)).status).toBe('solved');
    const list = (await api('GET', '/api/v1/admin/time-rules')).json().items;
    expect(list.find((r: { id: string }) => r.id === solve.json().id).fireCount).toBe(2);

    // A new pending period is a new occurrence: the reminder may come again, once.
    await api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'pending' });
    await desk.services.db
      .update(ticketEvents)
      .set({ createdAt: new Date('2026-11-16T02:00:00Z') })
      .where(
        and(
          eq(ticketEvents.ticketId, t.id),
          eq(ticketEvents.kind, 'status'),
          eq(ticketEvents.toValue, 'pending'),
        ),
      );
    await runTimeRules(desk.services, new Date('2026-11-19T02:01:00Z'));
    expect(fired(await detail(t.id), '3 个工作日未回复提醒')).toBe(2);
    for (const r of [remind, solve]) await api('DELETE', `/api/v1/admin/time-rules/${r.json().id}`);
  });

  it('escalates a ticket near its SLA breach to a team and its supervisors', async () => {
    const db = desk.services.db;
    const [lead] = await db
      .select({ agentId: agentTeams.agentId, teamId: agentTeams.teamId })
      .from(agentTeams)
      .innerJoin(agents, eq(agents.id, agentTeams.agentId))
      .where(eq(agents.role, 'supervisor'));
    expect(lead).toBeDefined();
    const rule = await api('POST', '/api/v1/admin/time-rules', {
      name: 'SLA 即将超时升级',
      when: { type: 'sla_due', metrics: ['first_response'], minutesBefore: 30 },
      actions: [
        { type: 'team', value: lead!.teamId },
        { type: 'priority', value: 'urgent' },
        { type: 'notify', agentIds: [], supervisors: true, text: '{{ticket.number}} 首次响应即将超时' },
      ],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const t = await openTicket('time-3', 'SLA ticket');
    const dueAt = new Date('2026-11-20T08:00:00Z');
    await db
      .insert(ticketSlaTargets)
      .values({
        ticketId: t.id,
        metric: 'first_response',
        state: 'running',
        targetMs: 3_600_000,
        elapsedMs: 0,
        leftMs: 3_600_000,
        dueAt,
        warnAt: null,
        startedAt: new Date('2026-11-20T07:00:00Z'),
        computedAt: new Date('2026-11-20T07:00:00Z'),
      })
      .onConflictDoUpdate({
        target: [ticketSlaTargets.ticketId, ticketSlaTargets.metric],
        set: { state: 'running', dueAt },
      });
    expect((await runTimeRules(desk.services, new Date('2026-11-20T07:29:00Z'))).fired).toBe(0);
    expect((await runTimeRules(desk.services, new Date('2026-11-20T07:31:00Z'))).fired).toBe(1);
    const d = await detail(t.id);
    expect(d.priority).toBe('urgent');
    expect(d.team?.id ?? d.teamId).toBe(lead!.teamId);
    const notes = await db
      .select()
      .from(agentNotifications)
      .where(and(eq(agentNotifications.agentId, lead!.agentId), eq(agentNotifications.ticketId, t.id)));
    expect(notes.map((n) => n.body)).toContain(`${t.number} 首次响应即将超时`);
    await api('DELETE', `/api/v1/admin/time-rules/${rule.json().id}`);
  });

  it('fires once when scans run side by side; refuses agents and webhook actions', async () => {
    const rule = await api('POST', '/api/v1/admin/time-rules', {
      name: 'parallel',
      when: { type: 'status_for', status: 'pending', amount: 2, unit: 'hours' },
      conditions: [{ field: 'tags', op: 'includes_any', value: ['par'] }],
      actions: [{ type: 'note', body: 'still pending' }],
    });
    const tickets = [];
    for (let i = 0; i < 4; i++)
      tickets.push(await pendingSince(`time-par-${i}`, '2026-11-23T00:00:00Z', ['par']));
    const now = new Date('2026-11-23T02:30:00Z');
    const runs = await Promise.all([1, 2, 3].map(() => runTimeRules(desk.services, now)));
    expect(runs.reduce((n, r) => n + r.fired, 0)).toBe(4);
    for (const t of tickets) expect(fired(await detail(t.id), 'parallel')).toBe(1);
    await api('DELETE', `/api/v1/admin/time-rules/${rule.json().id}`);

    const lin = await desk.signIn('lin');
    expect((await api('GET', '/api/v1/admin/time-rules', undefined, lin)).statusCode).toBe(403);
    const hook = await api('POST', '/api/v1/admin/time-rules', {
      name: 'x',
      when: { type: 'sla_due', minutesBefore: 0 },
      actions: [{ type: 'webhook', subscriptionId: '00000000-0000-0000-0000-000000000001' }],
    });
    expect(hook.statusCode).toBe(400);
  });
});

const PG = process.env.KEFU_TEST_DATABASE_URL;
describe.skipIf(!PG)('time-based automations on three nodes sharing PostgreSQL', () => {
  it('fires once per ticket and rule when three nodes (three apps) scan at the same moment', async () => {
    const node = await createTestDesk();
    const pools: Awaited<ReturnType<typeof openPostgres>>[] = [];
    const others: TestDesk[] = [];
    try {
      if (node.services.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
      const url = node.services.database.url;
      const rule = await node.app.inject({
        method: 'POST',
        url: '/api/v1/admin/time-rules',
        headers: (await node.signIn('admin')).write,
        payload: {
          name: 'three nodes',
          when: { type: 'status_for', status: 'new', amount: 1, unit: 'hours' },
          actions: [
            { type: 'note', body: 'new for an hour' },
            { type: 'add_tags', tags: ['aged'] },
          ],
        },
      });
      expect(rule.statusCode).toBe(201);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const c = await node.customer(`nodes-${i}`);
        const res = await node.app.inject({
          method: 'POST',
          url: '/api/v1/me/tickets',
          headers: c.headers,
          payload: { title: `t${i}`, description: 'd' },
        });
        ids.push(res.json().id);
      }
      // Two more whole nodes (apps with their own pool, job queue and copies) on the same database:
      // each runs the scan its scan job runs, all three at the same moment.
      for (let i = 0; i < 2; i++) {
        const database = await openPostgres(url, 4);
        pools.push(database);
        others.push(await createTestDesk({}, { database }));
      }
      const now = new Date(Date.now() + 2 * 3_600_000);
      const runs = await Promise.all([node, ...others].map((n) => runTimeRules(n.services, now)));
      const firings = await node.services.db
        .select()
        .from(timeRuleFirings)
        .where(eq(timeRuleFirings.ruleId, rule.json().id));
      const mine = firings.filter((f) => ids.includes(f.ticketId));
      expect(mine).toHaveLength(6);
      // The demo desk's older new tickets fire too: one firing per ticket, whichever node won it.
      expect(runs.reduce((n, r) => n + r.fired, 0)).toBe(firings.length);
      expect(runs.filter((r) => r.fired > 0).length).toBeGreaterThan(0);
      for (const id of ids) {
        const rows = await node.services.db
          .select()
          .from(ticketEvents)
          .where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.kind, 'automation_fired')));
        expect(rows).toHaveLength(1);
      }
    } finally {
      for (const n of others) await n.close().catch(() => {});
      for (const p of pools) await p.close();
      await node.close();
    }
  }, 120_000);
});
