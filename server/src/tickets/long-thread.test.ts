import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, type CustomerAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { openLongThread } from '../testing/long-thread.ts';
import { THREAD_PAGE } from './ticket-detail.ts';

// A long chat opens with its newest THREAD_PAGE messages; the agent reads older ones a page at a
// time. Every message must be reachable exactly once, in order, internal notes to the staff only.

let desk: TestDesk;
let lin: AgentAuth;
let customer: CustomerAuth;
let ticket: { id: string; number: string };
const TOTAL = THREAD_PAGE * 2 + 31;

type Message = { seq: number; body: string; visibility: string };

beforeAll(async () => {
  desk = await createTestDesk();
  // Every seventh is an internal note, which the customer must never receive.
  ({ ticket, customer, lin } = await openLongThread(desk, {
    uid: 'u-long-thread',
    total: TOTAL,
    noteEvery: 7,
  }));
}, 180_000);
afterAll(async () => {
  await desk?.close();
});

describe('a long thread', () => {
  it('opens with its newest messages and says how many come before them', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.number}`,
      headers: lin.read,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.messages).toHaveLength(THREAD_PAGE);
    expect(body.messages.at(-1).body).toBe(`message ${TOTAL}`);
    expect(body.earlierMessages).toBe(TOTAL - THREAD_PAGE);
    // The history stays whole: the ticket's "created" event is older than every message shown.
    expect(body.history[0].kind).toBe('created');
  });

  it('pages back to the first message, each message once and in order', async () => {
    const open = (
      await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })
    ).json();
    const seen: Message[] = [...open.messages];
    let earlier: number = open.earlierMessages;
    const counts: number[] = [];
    while (earlier > 0) {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${ticket.number}/messages?before=${seen[0]?.seq}`,
        headers: lin.read,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { messages: Message[]; earlierMessages: number };
      expect(page.messages.length).toBeGreaterThan(0);
      expect(page.messages.length).toBeLessThanOrEqual(THREAD_PAGE);
      counts.push(page.messages.length);
      seen.unshift(...page.messages);
      earlier = page.earlierMessages;
    }
    expect(counts).toEqual([THREAD_PAGE, TOTAL - 2 * THREAD_PAGE]);
    expect(seen.map((m) => m.body)).toEqual(Array.from({ length: TOTAL }, (_, i) => `message ${i + 1}`));
    const seqs = seen.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(TOTAL);
    expect(seen.filter((m) => m.visibility === 'internal')).toHaveLength(Math.floor(TOTAL / 7));
  });

  it('the customer still reads their own ticket whole, without the notes', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: customer.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.messages).toHaveLength(TOTAL - Math.floor(TOTAL / 7));
    expect(body.messages.some((m: Message) => m.visibility === 'internal')).toBe(false);
    expect(body.earlierMessages).toBe(0);
  });

  it('refuses callers who may not read it, and bad cursors', async () => {
    const url = `/api/v1/tickets/${ticket.id}/messages?before=50`;
    const anonymous = await desk.app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    const asCustomer = await desk.app.inject({ method: 'GET', url, headers: customer.headers });
    expect(asCustomer.statusCode).toBe(403);
    for (const before of ['0', '-1', 'x', '1.5', '99999999999']) {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${ticket.id}/messages?before=${before}`,
        headers: lin.read,
      });
      expect(res.statusCode, before).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const missing = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets/00000000-0000-4000-8000-000000000000/messages?before=10',
      headers: lin.read,
    });
    expect(missing.statusCode).toBe(404);
    const first = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}/messages?before=1`,
      headers: lin.read,
    });
    expect(first.json()).toEqual({ messages: [], earlierMessages: 0 });
    // Without a cursor: the newest page, as the detail has it.
    const newest = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      headers: lin.read,
    });
    const detail = (
      await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })
    ).json();
    expect(newest.json()).toEqual({ messages: detail.messages, earlierMessages: detail.earlierMessages });
  });
});
