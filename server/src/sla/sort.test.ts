import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';
import { refreshTicketSla } from './refresh.ts';

// The inbox's SLA sort reads tickets.sla_due_at, which sla/ keeps equal to the earliest due time of
// the ticket's ticking clocks. These tests hold the column to that definition through the writes
// that move a clock, and the sort to its order and paging.

let desk: TestDesk;
let lin: AgentAuth;
const TAG = 'sla-sort-test';

beforeAll(async () => {
  desk = await createTestDesk();
  lin = await desk.signIn('lin');
  // Round the clock: with the demo's office-hours calendar, whether a ticket opened hours ago has
  // breached its first response (and so keeps ticking while it waits on the customer) depends on
  // the hour and the weekday the test runs at. Here the ages below decide it, never the clock.
  const admin = await desk.signIn('admin');
  const calendars = (await desk.app.inject({ url: '/api/v1/sla/calendars', headers: admin.read })).json()
    .items as Array<{ id: string; code: string; name: string; isDefault: boolean }>;
  const main = calendars.find((c) => c.isDefault)!;
  const res = await desk.app.inject({
    method: 'PUT',
    url: `/api/v1/sla/calendars/${main.id}`,
    headers: admin.write,
    payload: {
      code: main.code,
      name: main.name,
      timeZone: 'Asia/Shanghai',
      weekly: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '24:00']]])),
      holidaySource: null,
      teamId: null,
      isDefault: true,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await desk?.close();
});

/** A ticket opened `hoursAgo` (the default policy answers in 9 hours and solves in 27). */
async function openTicket(uid: string, hoursAgo: number): Promise<string> {
  const customer = await desk.customer(uid, { language: 'zh-CN' });
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: `SLA sort ${uid}`, description: '提现一直在处理中' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await patch(id, { tags: [TAG] });
  if (hoursAgo > 0) {
    await desk.services.db
      .update(tickets)
      .set({ createdAt: sql`now() - make_interval(hours => ${hoursAgo})` })
      .where(eq(tickets.id, id));
    await refreshTicketSla(desk.services.db, id);
  }
  return id;
}

async function patch(id: string, payload: Record<string, unknown>) {
  const res = await desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${id}`,
    headers: lin.write,
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}

type Item = { id: string; slaDueAt: string | null };

async function page(
  limit: number,
  cursor?: string | null,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets?tag=${TAG}&sort=sla&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    headers: lin.read,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function sortedIds(): Promise<string[]> {
  return (await page(100)).items.map((i) => i.id);
}

/** The column against the clocks it summarises, computed here from ticket_sla_targets. */
async function expectColumnMatchesClocks(ids: string[]) {
  const { rows } = (await desk.services.db.execute(sql`
    select t.id, t.sla_due_at::text as stored,
           (select min(s.due_at) from ticket_sla_targets s
             where s.ticket_id = t.id and s.state in ('running', 'breached'))::text as computed
    from tickets t where t.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`)) as unknown as { rows: Array<{ id: string; stored: string | null; computed: string | null }> };
  for (const r of rows) expect(r.stored, r.id).toBe(r.computed);
}

describe('the SLA sort', () => {
  it('orders by the earliest ticking due time, tickets without one last, and follows the clocks', async () => {
    // Nothing breached: every clock runs, so waiting on the customer pauses them all.
    const oldest = await openTicket('u-sla-sort-1', 6);
    const middle = await openTicket('u-sla-sort-2', 3);
    const fresh = await openTicket('u-sla-sort-3', 0);
    const waiting = await openTicket('u-sla-sort-4', 0);
    await patch(waiting, { status: 'pending' });
    const all = [oldest, middle, fresh, waiting];
    await expectColumnMatchesClocks(all);

    const first = await page(100);
    expect(first.items.map((i) => i.id)).toEqual([oldest, middle, fresh, waiting]);
    // What the list shows is the sort's key: earliest first, the paused one with none.
    expect(first.items.at(-1)!.slaDueAt).toBeNull();
    const dues = first.items.slice(0, 3).map((i) => Date.parse(i.slaDueAt!));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    // Paging by cursor, one at a time: every ticket once, in the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Awaited<ReturnType<typeof page>> = await page(1, cursor);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(first.items.map((i) => i.id));

    // The oldest is answered: its first response is met, its resolution (later) still ticks.
    const before = first.items[0]!.slaDueAt;
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${oldest}/messages`,
      headers: lin.write,
      payload: { body: '您好，我们正在查看', visibility: 'public' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await expectColumnMatchesClocks(all);
    const answered = (await page(100)).items.find((i) => i.id === oldest)!;
    expect(Date.parse(answered.slaDueAt!)).toBeGreaterThan(Date.parse(before!));

    // The middle one waits on the customer: its clocks pause and it joins the paused one at the end
    // (among tickets without a due time, least recent activity first).
    await patch(middle, { status: 'pending' });
    await expectColumnMatchesClocks(all);
    const after = await sortedIds();
    expect(after.slice(-2).sort()).toEqual([middle, waiting].sort());
    expect(after.indexOf(fresh)).toBeLessThan(after.indexOf(middle));

    // Back to open: it ticks again and sorts by its due time once more.
    await patch(middle, { status: 'open' });
    await expectColumnMatchesClocks(all);
    expect((await sortedIds()).at(-1)).toBe(waiting);

    // Solved: no clock ticks.
    await patch(fresh, { status: 'solved' });
    await expectColumnMatchesClocks(all);
    const [row] = await desk.services.db
      .select({ due: tickets.slaDueAt })
      .from(tickets)
      .where(eq(tickets.id, fresh));
    expect(row!.due).toBeNull();
  });
});
