import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../db/raw.ts';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { newTicketContributors } from './event-bus.ts';
import { type NewTicketItem, writeNewTicket } from './new-ticket-statement.ts';
import { viewCountDrift } from './view-counters.ts';

/**
 * Tickets opened at the same moment share one insert statement (natural batching,
 * new-ticket-statement.ts). Each must still come out as if it had been written alone: its own
 * number, first message, "created" event, search row, clocks, findings and answer; a muted
 * customer's refused and nobody else's; a duplicate idempotency key answered with the first ticket.
 */
let desk: TestDesk;
let agent: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  agent = await desk.signIn('chen');
});
afterAll(async () => {
  await desk?.close();
});

const rows = <T>(query: SQL) => rawRows<T>(desk.services.db, query);

async function categoryId(code: string): Promise<string> {
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
  return (res.json() as { items: Array<{ id: string; code: string }> }).items.find((c) => c.code === code)!
    .id;
}

const open = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  desk.app.inject({ method: 'POST', url: '/api/v1/me/tickets', headers, payload });

describe('tickets created together', () => {
  it('are written by shared statements, each with all it starts with, and answered one by one', async () => {
    const category = await categoryId('deposit_withdrawal');
    const customers = await Promise.all(Array.from({ length: 30 }, (_, i) => desk.customer(`together-${i}`)));
    const muted = customers[7]!;
    const put = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/customers/${muted.customerId}/restriction`,
      headers: agent.write,
      payload: { kind: 'muted', minutes: 30, reason: 'test' },
    });
    expect(put.statusCode, put.body).toBe(200);

    const answers = await Promise.all(
      customers.map((c, i) =>
        open(c.headers, {
          title: `提现未到账 ${i}`,
          description:
            i === 3
              ? 'my password is Tr0ub4dor&3x, withdrawal of 100 USDT stuck'
              : `第 ${i} 笔提现 ${100 + i} USDT 还没到账 together-${i}`,
          categoryId: category,
          fields: { coin: 'USDT', network: 'TRC20', amount: 100 + i },
        }),
      ),
    );
    const opened = answers.flatMap((res, i) => (i === 7 ? [] : [{ i, res }]));
    expect(answers[7]!.statusCode).toBe(403);
    expect(answers[7]!.json().error.code).toBe('customer_muted');
    for (const { res } of opened) expect(res.statusCode, res.body).toBe(201);

    const tickets = opened.map(({ i, res }) => ({ i, ...(res.json() as { id: string; number: string }) }));
    // Each answer is its own ticket's: its customer, its title.
    for (const t of tickets) {
      const detail = (
        await desk.app.inject({
          method: 'GET',
          url: `/api/v1/me/tickets/${t.id}`,
          headers: customers[t.i]!.headers,
        })
      ).json();
      expect(detail.title).toBe(`提现未到账 ${t.i}`);
    }
    expect(new Set(tickets.map((t) => t.number)).size).toBe(29);
    const ids = sql.join(
      tickets.map((t) => sql`${t.id}::uuid`),
      sql`, `,
    );

    // Fewer statements than tickets: rows one statement wrote share its transaction id.
    const [written] = await rows<{ statements: number; tickets: number }>(
      sql`select count(distinct xmin::text)::int as statements, count(*)::int as tickets from tickets where id in (${ids})`,
    );
    expect(written!.tickets).toBe(29);
    expect(written!.statements).toBeLessThan(29);

    const perTicket = await rows<{
      id: string;
      messages: number;
      events: number;
      search: number;
      clocks: number;
    }>(sql`
      select t.id,
        (select count(*)::int from messages m where m.ticket_id = t.id and m.seq = 1) as messages,
        (select count(*)::int from ticket_events e where e.ticket_id = t.id and e.kind = 'created') as events,
        (select count(*)::int from ticket_search s where s.ticket_id = t.id) as search,
        (select count(*)::int from ticket_sla_targets c where c.ticket_id = t.id) as clocks
      from tickets t where t.id in (${ids})`);
    expect(perTicket).toHaveLength(29);
    for (const t of perTicket) {
      expect([t.messages, t.events, t.search]).toEqual([1, 1, 1]);
      expect(t.clocks).toBeGreaterThan(0);
    }
    // The password was masked in the stored text and its finding kept, on that ticket only.
    const withSecret = tickets.find((t) => t.i === 3)!;
    const findings = await rows<{ ticket_id: string }>(
      sql`select ticket_id from safety_findings where ticket_id in (${ids})`,
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ticket_id))).toEqual(new Set([withSecret.id]));
    const [stored] = await rows<{ body: string }>(
      sql`select body from messages where ticket_id = ${withSecret.id}::uuid and seq = 1`,
    );
    expect(stored!.body).not.toContain('Tr0ub4dor&3x');
    // Agent search finds a ticket by a word of its own description only.
    const found = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets?q=${encodeURIComponent('together-12')}`,
      headers: agent.read,
    });
    expect(found.json().items.map((t: { id: string }) => t.id)).toEqual([
      tickets.find((t) => t.i === 12)!.id,
    ]);
    expect(await viewCountDrift(desk.services.db)).toEqual([]);
  });

  it('answers two creates with one idempotency key, sent at once, with one ticket', async () => {
    const customer = await desk.customer('together-idem');
    const others = await Promise.all(
      Array.from({ length: 6 }, (_, i) => desk.customer(`together-idem-${i}`)),
    );
    const headers = { ...customer.headers, 'idempotency-key': 'together-1' };
    const answers = await Promise.all([
      open(headers, { title: 'once', description: 'only once' }),
      ...others.map((c) => open(c.headers, { title: 'other', description: 'another customer' })),
      open(headers, { title: 'once', description: 'only once' }),
    ]);
    for (const res of answers) expect([200, 201], res.body).toContain(res.statusCode);
    const first = answers[0]!.json().id;
    expect(answers.at(-1)!.json().id).toBe(first);
    const [mine] = await rows<{ n: number }>(
      sql`select count(*)::int as n from tickets where customer_id = ${customer.customerId}::uuid`,
    );
    expect(mine!.n).toBe(1);
    expect(new Set(answers.slice(1, -1).map((r) => r.json().id)).size).toBe(6);
  });
});

describe('a shared create statement that fails', () => {
  it('writes each of its tickets again alone, so only the one at fault is refused', async () => {
    const customers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => desk.customer(`together-fail-${i}`)),
    );
    const contributors = newTicketContributors();
    const item = (customerId: string, i: number): NewTicketItem => ({
      ticket_id: randomUUID(),
      title: `direct ${i}`,
      body: `written directly ${i}`,
      customer_id: customerId,
      category_id: null,
      team_id: null,
      priority: 'normal',
      channel: 'web',
      fields: {},
      tags: [],
      idempotency_key: null,
      now: new Date().toISOString(),
      sla_due_at: null,
      sla_warn_at: null,
      sla_paused: false,
      message_id: randomUUID(),
      author_type: 'customer',
      actor_id: customerId,
      actor_type: 'customer',
      created: { status: 'new' },
      by_customer: true,
      findings: [],
    });
    // The fifth names a customer that does not exist: its row breaks the foreign key.
    const items = customers.map((c, i) => item(i === 4 ? randomUUID() : c.customerId, i));
    const outs = await Promise.allSettled(
      items.map((it) => writeNewTicket(contributors, { db: desk.services.db }, it, [])),
    );
    expect(outs.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const [stored] = await rows<{ n: number }>(
      sql`select count(*)::int as n from tickets where id in (${sql.join(
        items.map((it) => sql`${it.ticket_id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(stored!.n).toBe(5);
  });
});
