import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../db/raw.ts';
import { openCustomerTicket } from '../testing/automation-kit.ts';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { COUNT_CAP } from './list-query.ts';
import { foldViewCountSlots, misplacedTickets, recountViewCounts, viewCountDrift } from './view-counters.ts';

/**
 * The view counters (migration 0032's trigger) against the tickets themselves, after every kind
 * of write a desk makes: creates, changes of status, team and assignee (one by one, at once, in
 * bulk), merges, deletes, a write that rolls back, and the fold of the slots.
 */
let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

const rows = <T>(query: SQL) => rawRows<T>(desk.services.db, query);
/** Every (status, team, assignee) whose counter differs from the tickets' own count. */
const drift = () => viewCountDrift(desk.services.db);
const openTicket = async (uid: string) => (await openCustomerTicket(desk, await desk.customer(uid))).id;

const patch = (id: string, payload: Record<string, unknown>) =>
  desk.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: admin.write, payload });

async function counts(query: string) {
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets/counts?${query}`,
    headers: admin.read,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('view counters', () => {
  it('match the tickets after creates, changes at once, bulk, merge, delete and a rollback; the fold keeps them', async () => {
    expect(await drift()).toEqual([]);
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => openTicket(`vc-${i}`)));
    const teams = (await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read })).json()
      .items as Array<{ id: string }>;
    const agents = [admin.agentId, (await desk.signIn('lin')).agentId];
    // Changes at once on different connections, each moving a ticket between groups.
    const changed = await Promise.all(
      ids.map((id, i) =>
        patch(id, {
          status: i % 3 === 0 ? 'open' : i % 3 === 1 ? 'pending' : 'solved',
          teamId: teams[i % teams.length]!.id,
          assigneeId: agents[i % 2]!,
        }),
      ),
    );
    for (const res of changed) expect(res.statusCode, res.body).toBe(200);
    expect((await patch(ids[0]!, { assigneeId: null })).statusCode).toBe(200);
    expect(await drift()).toEqual([]);

    const bulk = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      headers: admin.write,
      payload: { ticketIds: ids.slice(0, 6), action: { type: 'status', value: 'on_hold' } },
    });
    expect(bulk.statusCode, bulk.body).toBe(202);
    await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/bulk/${bulk.json().id}`,
        headers: admin.read,
      });
      return res.json().state === 'finished' ? true : null;
    }, 30_000);
    expect(await drift()).toEqual([]);

    // Merge: two tickets of one customer.
    const customer = await desk.customer('vc-merge');
    const made = [];
    for (const title of ['充值未到账', '还是没到账'])
      made.push((await openCustomerTicket(desk, customer, { title, description: title })).id);
    const merged = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${made[1]}/merge`,
      headers: admin.write,
      payload: { tickets: [made[0]] },
    });
    expect(merged.statusCode, merged.body).toBeLessThan(300);
    expect(await drift()).toEqual([]);

    // A write that rolls back leaves the counters as they were.
    const before = await rows<{ n: string }>(sql`select sum(n) as n from ticket_view_counts`);
    await expect(
      desk.services.db.transaction(async (tx) => {
        await tx.execute(sql`update tickets set status = 'closed' where status <> 'closed'`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rows(sql`select sum(n) as n from ticket_view_counts`)).toEqual(before);

    // A delete (as an erasure makes) takes the ticket out of its group.
    await desk.services.db.execute(sql`
      delete from tickets where id = (select id from tickets t where not exists
        (select 1 from messages m where m.ticket_id = t.id) limit 1)`);
    expect(await drift()).toEqual([]);

    // The fold leaves one row per group in slot 0, and the same sums.
    expect((await rows(sql`select 1 from ticket_view_counts where slot <> 0`)).length).toBeGreaterThan(0);
    await foldViewCountSlots(desk.services.db);
    expect(await rows(sql`select 1 from ticket_view_counts where slot <> 0`)).toEqual([]);
    expect(await rows(sql`select 1 from ticket_view_counts where n = 0`)).toEqual([]);
    expect(await drift()).toEqual([]);
    // A counter set wrong (as a load with triggers off leaves it) is seen, and a recount mends it.
    expect(misplacedTickets(await drift())).toBe(0);
    await desk.services.db.execute(sql`update ticket_view_counts set n = n + 3
      where ctid = (select ctid from ticket_view_counts limit 1)`);
    expect(misplacedTickets(await drift())).toBe(3);
    await recountViewCounts(desk.services.db);
    expect(await drift()).toEqual([]);
    expect(misplacedTickets(await drift())).toBe(0);
  });

  it('count past the cap exactly when only status, team and assignee filter; other filters stay capped', async () => {
    const open = 'status=new&status=open&status=pending&status=on_hold';
    const first = await counts(open);
    await desk.services.db.execute(sql`
      insert into tickets (title, description, customer_id, status, tags)
      select 'bulk ' || g, 'bulk', (select id from customers limit 1), 'open', array['vc-cap']
      from generate_series(1, ${COUNT_CAP + 5}) g`);
    const after = await counts(open);
    expect(after.all).toEqual({ count: first.all.count + COUNT_CAP + 5, capped: false });
    expect(after.unassigned).toEqual({ count: first.unassigned.count + COUNT_CAP + 5, capped: false });
    expect(after.mine).toEqual(first.mine);
    expect(await counts(`${open}&tag=vc-cap`)).toMatchObject({ all: { count: COUNT_CAP, capped: true } });
    // The counters and the capped count agree below the cap.
    const team = (await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read })).json()
      .items[0].id as string;
    const byTeam = await counts(`${open}&teamId=${team}`);
    const listed = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets?${open}&teamId=${team}&withTotal=true&limit=1`,
      headers: admin.read,
    });
    expect(byTeam.all.count).toBe(listed.json().total);
    expect(await drift()).toEqual([]);
  });
});
