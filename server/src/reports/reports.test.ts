import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csatRatings } from '../csat/schema.ts';
import { customers } from '../customers/schema.ts';
import { categories, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { refreshTicketSla } from '../sla/refresh.ts';
import { slaPolicies } from '../sla/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import type { TicketStatus } from '../tickets/model.ts';
import { messages, ticketEvents, tickets } from '../tickets/schema.ts';

let desk: TestDesk;
const at = (local: string) => new Date(`${local}+08:00`);
let teamId: string;

/**
 * A hand-computed week (Mon 10 – Fri 14 Nov 2025, Shanghai business hours 09:00–18:00, no
 * holidays), targets: first response 60 business minutes, resolution 240.
 *  T1 lin:  Mon 10:00 open, reply 10:30 (FR 30, met), solved 12:00 (RES 120, met), rated 5
 *  T2 lin:  Mon 17:00 open, reply Tue 09:30 (FR 60+30=90, missed), solved Tue 11:00 (RES 180, met), rated 3
 *  T3 chen: Tue 09:00 open, pending 10:00–Wed 09:00, reply Wed 10:00 (FR 60+60=120, missed),
 *           solved Wed 12:00, reopened 14:00, solved 15:00 (RES 60+180+60=300, missed)
 *  T4 none: Wed 09:00 open, untouched: FR due Wed 10:00 and RES due Wed 13:00, both overdue
 *  T5 maya now, but the work was others': Thu 09:00 open for lin, lin replies 09:20 (FR 20, met),
 *           transferred to chen 10:00, chen solves 11:00 (RES 120, met), handed to maya 12:00
 *           (a follow-up), rated 4 at 12:30. Per agent: the reply is lin's, the solution, the
 *           resolution clock and the rating chen's; maya only holds it (created 1).
 */
beforeAll(async () => {
  desk = await createTestDesk();
  const db = desk.services.db;
  const [team] = await db
    .insert(teams)
    .values({ code: 'fixture', nameZh: '样例组', nameEn: 'Fixture' })
    .returning();
  teamId = team!.id;
  const [category] = await db
    .insert(categories)
    .values({ code: 'fixture', nameZh: '样例', nameEn: 'Fixture', teamId })
    .returning();
  await db.insert(slaPolicies).values({
    name: 'fixture',
    position: 0,
    categoryIds: [category!.id],
    firstResponseMinutes: 60,
    nextResponseMinutes: null,
    resolutionMinutes: 240,
  });
  const [customer] = await db.select().from(customers).limit(1);
  const staff = await db.select({ id: agents.id, email: agents.email }).from(agents);
  const idOf = (prefix: string) => staff.find((a) => a.email.startsWith(prefix))!.id;

  /** Replies and status changes are by `assignee` unless a step names its agent. */
  const make = async (
    created: string,
    assignee: string | null,
    replies: Array<string | [string, string]>,
    statuses: Array<[string, TicketStatus, TicketStatus] | [string, TicketStatus, TicketStatus, string]>,
    transfers: Array<[string, string | null, string]> = [],
  ) => {
    const [row] = await db
      .insert(tickets)
      .values({
        title: `fixture ${created}`,
        description: 'd',
        customerId: customer!.id,
        categoryId: category!.id,
        teamId,
        assigneeId: assignee,
        createdAt: at(created),
        status: statuses.at(-1)?.[2] ?? 'new',
      })
      .returning();
    const id = row!.id;
    let seq = 0;
    await db
      .insert(messages)
      .values({ ticketId: id, seq: ++seq, authorType: 'customer', body: 'd', createdAt: at(created) });
    for (const r of replies) {
      const [when, author] = typeof r === 'string' ? [r, assignee] : r;
      await db.insert(messages).values({
        ticketId: id,
        seq: ++seq,
        authorType: 'agent',
        authorId: author,
        body: 'r',
        createdAt: at(when),
      });
    }
    for (const [when, from, to, by] of statuses)
      await db.insert(ticketEvents).values({
        ticketId: id,
        seq: ++seq,
        actorType: 'agent',
        actorId: by ?? assignee,
        kind: 'status',
        fromValue: from,
        toValue: to,
        createdAt: at(when),
      });
    for (const [when, from, to] of transfers)
      await db.insert(ticketEvents).values({
        ticketId: id,
        seq: ++seq,
        actorType: 'agent',
        actorId: from,
        kind: 'assignee',
        fromValue: from,
        toValue: to,
        createdAt: at(when),
      });
    await db.update(tickets).set({ lastSeq: seq }).where(eq(tickets.id, id));
    await refreshTicketSla(db, id, at('2025-11-14T12:00:00'));
    return id;
  };
  const t1 = await make(
    '2025-11-10T10:00:00',
    idOf('lin'),
    ['2025-11-10T10:30:00'],
    [
      ['2025-11-10T10:30:00', 'new', 'open'],
      ['2025-11-10T12:00:00', 'open', 'solved'],
    ],
  );
  const t2 = await make(
    '2025-11-10T17:00:00',
    idOf('lin'),
    ['2025-11-11T09:30:00'],
    [
      ['2025-11-11T09:30:00', 'new', 'open'],
      ['2025-11-11T11:00:00', 'open', 'solved'],
    ],
  );
  await make(
    '2025-11-11T09:00:00',
    idOf('chen'),
    ['2025-11-12T10:00:00'],
    [
      ['2025-11-11T10:00:00', 'new', 'pending'],
      ['2025-11-12T09:00:00', 'pending', 'open'],
      ['2025-11-12T12:00:00', 'open', 'solved'],
      ['2025-11-12T14:00:00', 'solved', 'open'],
      ['2025-11-12T15:00:00', 'open', 'solved'],
    ],
  );
  await make('2025-11-12T09:00:00', null, [], []);
  const t5 = await make(
    '2025-11-13T09:00:00',
    idOf('maya'),
    [['2025-11-13T09:20:00', idOf('lin')]],
    [
      ['2025-11-13T09:20:00', 'new', 'open', idOf('lin')],
      ['2025-11-13T11:00:00', 'open', 'solved', idOf('chen')],
    ],
    [
      ['2025-11-13T10:00:00', idOf('lin'), idOf('chen')],
      ['2025-11-13T12:00:00', idOf('chen'), idOf('maya')],
    ],
  );
  for (const [ticketId, score, when] of [
    [t1, 5, '2025-11-13T10:00:00'],
    [t2, 3, '2025-11-13T10:00:00'],
    [t5, 4, '2025-11-13T12:30:00'],
  ] as const)
    await db.insert(csatRatings).values({
      ticketId,
      customerId: customer!.id,
      score,
      via: 'customer',
      createdAt: at(when),
      updatedAt: at(when),
    });
});
afterAll(async () => {
  await desk?.close();
});

const period = () =>
  `from=${encodeURIComponent(at('2025-11-10T00:00:00').toISOString())}&to=${encodeURIComponent(at('2025-11-17T00:00:00').toISOString())}&teamId=${teamId}`;

describe('reports over the ticket history', () => {
  it('matches the hand-computed totals', async () => {
    const supervisor = await desk.signIn('supervisor');
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets?groupBy=total&${period()}`,
      headers: supervisor.read,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([
      {
        key: 'total',
        name: 'Total 合计',
        created: 5,
        solved: 5,
        reopened: 1,
        firstResponse: { count: 4, medianMinutes: 60, p90Minutes: 111 },
        resolution: { count: 4, medianMinutes: 150, p90Minutes: 264 },
        sla: { met: 5, total: 10, attainment: 0.5 },
        csat: { count: 3, average: 4, satisfiedShare: 0.6667 },
      },
    ]);
  });

  it('splits per agent by who did the work, and exports the table as CSV with a BOM', async () => {
    const supervisor = await desk.signIn('supervisor');
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets?groupBy=agent&${period()}`,
      headers: supervisor.read,
    });
    const rows = res.json().rows as Array<Record<string, unknown> & { name: string }>;
    const lin = rows.find((r) => r.name.includes('Lin'))!;
    // T1, T2 and the first reply of T5 (FR 30, 90, 20), though T5 is no longer hers.
    expect(lin).toMatchObject({
      created: 2,
      solved: 2,
      reopened: 0,
      firstResponse: { count: 3, medianMinutes: 30, p90Minutes: 78 },
      resolution: { count: 2, medianMinutes: 150, p90Minutes: 174 },
      sla: { met: 4, total: 5, attainment: 0.8 },
      csat: { count: 2, average: 4, satisfiedShare: 0.5 },
    });
    // T3 (solved twice, reopened once) and T5's solution, its resolution clock and its rating.
    expect(rows.find((r) => r.name.includes('Chen'))).toMatchObject({
      created: 1,
      solved: 3,
      reopened: 1,
      firstResponse: { count: 1, medianMinutes: 120, p90Minutes: 120 },
      resolution: { count: 2, medianMinutes: 210, p90Minutes: 282 },
      sla: { met: 1, total: 3, attainment: 0.3333 },
      csat: { count: 1, average: 4, satisfiedShare: 1 },
    });
    // Maya holds T5 now but did none of its work.
    expect(rows.find((r) => r.name.includes('Maya'))).toMatchObject({
      created: 1,
      solved: 0,
      reopened: 0,
      firstResponse: { count: 0 },
      resolution: { count: 0 },
      sla: { met: 0, total: 0 },
      csat: { count: 0 },
    });
    expect(rows.find((r) => r.key === null)).toMatchObject({
      name: '(unassigned)',
      created: 1,
      sla: { met: 0, total: 2 },
    });

    const csv = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets/export.csv?groupBy=agent&${period()}`,
      headers: supervisor.read,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^name,created,solved,reopened,/);
    expect(lines).toContain('林晓 Lin Xiao,2,2,0,3,30,78,2,150,174,4,5,0.8,2,4,0.5');
  });

  it('gives the chart series per day in the chosen time zone', async () => {
    const supervisor = await desk.signIn('supervisor');
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets/trend?interval=day&timeZone=Asia/Shanghai&${period()}`,
      headers: supervisor.read,
    });
    expect(res.json().points).toEqual([
      { bucket: '2025-11-10', created: 2, solved: 1, reopened: 0 },
      { bucket: '2025-11-11', created: 1, solved: 1, reopened: 0 },
      { bucket: '2025-11-12', created: 1, solved: 2, reopened: 1 },
      { bucket: '2025-11-13', created: 1, solved: 1, reopened: 0 },
    ]);
    // In UTC, Monday 17:00 Shanghai is still Monday but Tuesday 09:00 Shanghai is Tuesday 01:00.
    const utc = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets/trend?interval=week&timeZone=UTC&${period()}`,
      headers: supervisor.read,
    });
    expect(utc.json().points).toEqual([{ bucket: '2025-11-10', created: 5, solved: 5, reopened: 1 }]);
  });

  it('is for supervisors and admins only, and checks the period', async () => {
    const agent = await desk.signIn('lin');
    const denied = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets?${period()}`,
      headers: agent.read,
    });
    expect(denied.statusCode).toBe(403);
    const admin = await desk.signIn('admin');
    const backwards = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets?from=2025-11-17T00:00:00Z&to=2025-11-10T00:00:00Z`,
      headers: admin.read,
    });
    expect(backwards.json().error.code).toBe('report_period_invalid');
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/reports', headers: admin.read });
    expect(list.json().sections).toEqual([
      { name: 'tickets', available: true },
      { name: 'chat', available: true },
    ]);
  });
});
