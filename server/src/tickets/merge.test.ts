import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeListed } from '../sla/recompute.ts';
import { ticketSlaTargets } from '../sla/schema.ts';
import {
  type AgentAuth,
  type CustomerAuth,
  createTestDesk,
  eventually,
  type TestDesk,
} from '../testing/harness.ts';
import { multipartFile, PNG_1X1 } from '../testing/multipart.ts';
import { subscribeToTicketEvents } from './event-bus.ts';
import type { TicketEvent } from './events.ts';

let desk: TestDesk;
let admin: AgentAuth;
let lin: AgentAuth;
const heard: TicketEvent[] = [];
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
  lin = await desk.signIn('lin');
  // What the spine carries: a subscriber of the test's own, like any capability's.
  subscribeToTicketEvents({
    name: 'test.merge-listener',
    mode: 'in_transaction',
    events: ['ticket.merged'],
    async handle(_tx, events) {
      heard.push(...events);
    },
  });
  // Every ticket gets all three clocks, on calendar time.
  const policy = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/sla/policies',
    headers: admin.write,
    payload: {
      name: 'merge test',
      position: 0,
      businessTime: false,
      firstResponseMinutes: 600,
      nextResponseMinutes: 600,
      resolutionMinutes: 6000,
    },
  });
  expect(policy.statusCode, policy.body).toBe(201);
});
afterAll(async () => {
  await desk?.close();
});

async function open(customer: CustomerAuth, title: string, attachmentIds: string[] = []) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description: `${title}: 详情`, ...(attachmentIds.length ? { attachmentIds } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

async function upload(customer: CustomerAuth) {
  const body = multipartFile('receipt.png', PNG_1X1, 'image/png');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...customer.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const staffGet = async (id: string) =>
  (await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: admin.read })).json();

const merge = (into: string, tickets: string[], who = admin.write) =>
  desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${into}/merge`,
    headers: who,
    payload: { tickets },
  });

describe('merging tickets', () => {
  it('moves thread, history and attachments to the survivor in order, carries the clocks, points the merged one there and tells the customer', async () => {
    const customer = await desk.customer('merge-1', { name: '王小明' });
    const file = await upload(customer);
    const older = await open(customer, '提现未到账', [file]);
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${older.id}/messages`,
      headers: admin.write,
      payload: { body: '请提供交易哈希' },
    });
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${older.id}/messages`,
      headers: customer.headers,
      payload: { body: '哈希是 0xabc' },
    });
    await new Promise((r) => setTimeout(r, 20));
    const newer = await open(customer, '还是没到账');
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${newer.id}`,
      headers: admin.write,
      payload: { priority: 'high' },
    });
    const before = await staffGet(newer.id);
    const olderBefore = await staffGet(older.id);

    const res = await merge(newer.number, [older.number]);
    expect(res.statusCode, res.body).toBe(200);
    const survivor = res.json();

    // The timeline: the survivor's own first, then the merged ticket's, then the notice; the seq of
    // messages and history together strictly increasing, none reused.
    const seqs = [
      ...survivor.messages.map((m: { seq: number }) => m.seq),
      ...survivor.history.map((h: { seq: number }) => h.seq),
    ].sort((a: number, b: number) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(Math.max(...seqs)).toBe(survivor.lastSeq);
    expect(Math.min(...seqs.filter((s: number) => s > before.lastSeq))).toBe(before.lastSeq + 1);
    const bodies = survivor.messages.map((m: { body: string }) => m.body);
    const ownEnd = bodies.indexOf('还是没到账: 详情');
    expect(bodies.slice(ownEnd + 1, ownEnd + 4)).toEqual([
      '提现未到账: 详情',
      '请提供交易哈希',
      '哈希是 0xabc',
    ]);
    expect(bodies.at(-1)).toContain(`您的工单 ${older.number} 已合并到本工单（${newer.number}）`);
    expect(survivor.messages.at(-1).visibility).toBe('public');
    // The merged ticket's history came along, in its order, after the survivor's own.
    const moved = survivor.history.filter((h: { seq: number }) => h.seq > before.lastSeq);
    expect(moved.map((h: { kind: string }) => h.kind).slice(0, olderBefore.history.length)).toEqual(
      olderBefore.history.map((h: { kind: string }) => h.kind),
    );
    const record = survivor.history.find((h: { kind: string }) => h.kind === 'merged');
    expect(record.to.from[0]).toMatchObject({ id: older.id, number: older.number });
    // The attachment follows its message.
    const first = survivor.messages.find((m: { body: string }) => m.body === '提现未到账: 详情');
    expect(first.attachments.map((a: { id: string }) => a.id)).toEqual([file]);
    expect(survivor.attachmentCount).toBe(1);

    // The merged ticket: closed, pointing at the survivor, for agents and for its customer.
    const gone = await staffGet(older.id);
    expect(gone.status).toBe('closed');
    expect(gone.mergedInto).toEqual({ id: newer.id, number: newer.number });
    expect(gone.messages).toEqual([]);
    expect(gone.history.at(-1)).toMatchObject({ kind: 'merged', to: { into: { id: newer.id } } });
    const mine = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${older.number}`,
      headers: customer.headers,
    });
    expect(mine.json().mergedInto).toEqual({ id: newer.id, number: newer.number });
    expect((await staffGet(newer.id)).mergedInto).toBeNull();

    // The spine carried `ticket.merged` for both tickets.
    const events = heard.filter((e) => e.ticket.id === older.id || e.ticket.id === newer.id);
    expect(events.map((e) => e.ticket.id).sort()).toEqual([newer.id, older.id].sort());

    // Clocks carried: first response counted from the older ticket's opening and met by the
    // reply given there; the customer's later message runs a next-response clock from its time.
    const clocks = await desk.services.db
      .select()
      .from(ticketSlaTargets)
      .where(eq(ticketSlaTargets.ticketId, newer.id));
    const firstResponse = clocks.find((c) => c.metric === 'first_response')!;
    expect(firstResponse.startedAt.getTime()).toBe(new Date(olderBefore.createdAt).getTime());
    expect(firstResponse.state).toBe('met');
    const next = clocks.find((c) => c.metric === 'next_response')!;
    const hashAt = olderBefore.messages.find((m: { body: string }) => m.body === '哈希是 0xabc').createdAt;
    expect(next.startedAt.getTime()).toBe(new Date(hashAt).getTime());
    const oldClocks = await desk.services.db
      .select()
      .from(ticketSlaTargets)
      .where(and(eq(ticketSlaTargets.ticketId, older.id), eq(ticketSlaTargets.state, 'running')));
    expect(oldClocks).toEqual([]);
    // A policy recompute that listed the open tickets before the merge reaches the merged one
    // after it: it must leave it alone, not start its clocks again on an empty thread.
    expect(await recomputeListed(desk.services.db, [older.id])).toBe(0);
    const afterRecompute = await desk.services.db
      .select()
      .from(ticketSlaTargets)
      .where(and(eq(ticketSlaTargets.ticketId, older.id), eq(ticketSlaTargets.state, 'running')));
    expect(afterRecompute).toEqual([]);

    // The customer hears of it in their inbox, like any reply.
    await eventually(async () => {
      const inbox = await desk.app.inject({
        method: 'GET',
        url: '/api/v1/me/inbox',
        headers: customer.headers,
      });
      return JSON.stringify(inbox.json()).includes(newer.number);
    });

    // A second merge of the merged ticket is refused; so is a reply on it by its customer.
    const again = await merge(newer.id, [older.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('merge_source_merged');
  });

  it('refuses tickets of another customer, itself, and customers', async () => {
    const a = await open(await desk.customer('merge-a'), 'A');
    const bCustomer = await desk.customer('merge-b');
    const b = await open(bCustomer, 'B');
    const cross = await merge(a.id, [b.id], lin.write);
    expect(cross.statusCode).toBe(409);
    expect(cross.json().error.code).toBe('merge_other_customer');
    expect((await staffGet(b.id)).status).not.toBe('closed');
    expect((await merge(a.id, [a.number])).statusCode).toBe(409);
    const asCustomer = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${b.id}/merge`,
      headers: bCustomer.headers,
      payload: { tickets: [b.id] },
    });
    expect([401, 403]).toContain(asCustomer.statusCode);
  });
});
