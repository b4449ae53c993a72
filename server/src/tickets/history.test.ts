import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentAuth,
  type CustomerAuth,
  createTestDesk,
  RELAXED_PACE,
  type TestDesk,
} from '../testing/harness.ts';

let desk: TestDesk;
let lin: AgentAuth;
let customer: CustomerAuth;
let categories: Array<{ id: string; code: string; teamId: string }>;
beforeAll(async () => {
  // These tests write many near-identical customer messages on purpose: a script's pace.
  desk = await createTestDesk(RELAXED_PACE);
  lin = await desk.signIn('lin');
  customer = await desk.customer('u-history');
  categories = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items;
});
afterAll(async () => {
  await desk?.close();
});
const inject = (opts: InjectOptions) => desk.app.inject(opts);
const cat = (code: string) => categories.find((c) => c.code === code)!;

async function newTicket(
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = customer.headers,
) {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers,
    payload: { title: 'Cannot log in', description: 'The code never arrives', ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; status: string; priority: string; team: unknown };
}

type Event = { kind: string; from: unknown; to: unknown; actorType: string; actorId: string | null };
async function history(id: string): Promise<Event[]> {
  return (await inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: lin.read })).json().history;
}

describe('every change is a history event: who, when, from what to what', () => {
  it('records creation, status, priority, category (re-routing the team), team, assignee and tags', async () => {
    const ticket = await newTicket({ categoryId: cat('account').id });
    const patch = (payload: Record<string, unknown>) =>
      inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: lin.write, payload });
    expect((await patch({ status: 'pending' })).statusCode).toBe(200);
    expect((await patch({ priority: 'urgent' })).statusCode).toBe(200);
    const moved = await patch({ categoryId: cat('security').id });
    expect(moved.json().category.id ?? moved.json().categoryId).toBeTruthy();
    const teams = (await inject({ method: 'GET', url: '/api/v1/teams', headers: lin.read })).json().items;
    const general = teams.find((t: { code: string }) => t.code === 'general');
    expect((await patch({ teamId: general.id })).statusCode).toBe(200);
    expect((await patch({ assigneeId: lin.agentId })).statusCode).toBe(200);
    expect((await patch({ tags: ['vip', 'kyc', 'vip'] })).statusCode).toBe(200);
    // No change, no event.
    expect((await patch({ priority: 'urgent', tags: ['kyc', 'vip'] })).statusCode).toBe(200);
    expect((await patch({ assigneeId: null })).statusCode).toBe(200);

    const events = await history(ticket.id);
    expect(events.map((e) => e.kind)).toEqual([
      'created',
      'status',
      'priority',
      'category',
      'team',
      'team',
      'assignee',
      'tags',
      'assignee',
    ]);
    expect(events[0]).toMatchObject({
      actorType: 'customer',
      from: null,
      to: { status: 'new', priority: 'normal' },
    });
    expect(events[1]).toMatchObject({ actorType: 'agent', actorId: lin.agentId, from: 'new', to: 'pending' });
    expect(events[2]).toMatchObject({ from: 'normal', to: 'urgent' });
    expect(events[3]).toMatchObject({ from: cat('account').id, to: cat('security').id });
    expect(events[4]).toMatchObject({ from: cat('account').teamId, to: cat('security').teamId });
    expect(events[5]).toMatchObject({ from: cat('security').teamId, to: general.id });
    expect(events[6]).toMatchObject({ from: null, to: lin.agentId });
    expect(events[7]).toMatchObject({ from: [], to: ['kyc', 'vip'] });
    expect(events[8]).toMatchObject({ from: lin.agentId, to: null });
    for (const e of events) expect(e).toHaveProperty('at');

    // The customer sees status changes only, without who made them.
    const mine = (
      await inject({ method: 'GET', url: `/api/v1/me/tickets/${ticket.id}`, headers: customer.headers })
    ).json();
    expect(mine.history.map((e: Event) => e.kind)).toEqual(['status']);
    expect(mine.history[0].actorId).toBeNull();
  });

  it('refuses transitions the machine does not allow, for agents, customers and reply shortcuts', async () => {
    const ticket = await newTicket();
    const toNew = await inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: { ...lin.write, 'accept-language': 'en' },
      payload: { status: 'open' },
    });
    expect(toNew.statusCode).toBe(200);
    const back = await inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: { ...lin.write, 'accept-language': 'en' },
      payload: { status: 'new' },
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toEqual({
      code: 'invalid_transition',
      message: 'A ticket cannot go from "open" to "new"',
    });
    const viaReply = await inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body: 'back to new?', thenStatus: 'new' },
    });
    expect(viaReply.statusCode).toBe(409);
    const customerSolves = await inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/status`,
      headers: customer.headers,
      payload: { status: 'solved' },
    });
    expect(customerSolves.statusCode).toBe(409);
    const close = await inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/status`,
      headers: customer.headers,
      payload: { status: 'closed' },
    });
    expect(close.json()).toEqual({ status: 'closed' });
    const late = await inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/messages`,
      headers: customer.headers,
      payload: { body: 'one more thing' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ticket_closed');
    const reopen = await inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: lin.write,
      payload: { status: 'open' },
    });
    expect(reopen.statusCode).toBe(409);
    expect(
      (await history(ticket.id)).filter((e) => e.kind === 'status').map((e) => `${e.from}->${e.to}`),
    ).toEqual(['new->open', 'open->closed']);
  });

  it("a pending ticket reopens on the customer's reply; the first agent reply opens a new one", async () => {
    const ticket = await newTicket();
    await inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body: 'a note', visibility: 'internal' },
    });
    await inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body: 'Which phone?', thenStatus: 'pending' },
    });
    await inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/messages`,
      headers: customer.headers,
      payload: { body: 'iPhone' },
    });
    const events = await history(ticket.id);
    expect(events.filter((e) => e.kind === 'status').map((e) => `${e.from}->${e.to}:${e.actorType}`)).toEqual(
      ['new->pending:agent', 'pending->open:customer'],
    );
  });
});

describe('idempotent writes', () => {
  it('ticket create: the Idempotency-Key header and the body key return the first ticket', async () => {
    const first = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...customer.headers, 'idempotency-key': 'create-1' },
      payload: { title: 'once', description: 'only once' },
    });
    expect(first.statusCode).toBe(201);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...customer.headers, 'idempotency-key': 'create-1' },
      payload: { title: 'once', description: 'only once' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const body1 = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'b', description: 'b', idempotencyKey: 'create-2' },
    });
    const body2 = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'b', description: 'b', idempotencyKey: 'create-2' },
    });
    expect([body1.statusCode, body2.statusCode]).toEqual([201, 200]);
    expect(body2.json().id).toBe(body1.json().id);
    // The same key from another customer is another ticket.
    const other = await desk.customer('u-history-2');
    const theirs = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: other.headers,
      payload: { title: 'b', description: 'b', idempotencyKey: 'create-2' },
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(body1.json().id);
  });

  it('two concurrent creates with one key make one ticket', async () => {
    const send = () =>
      inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: { ...customer.headers, 'idempotency-key': 'race-1' },
        payload: { title: 'race', description: 'two taps' },
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const list = (
      await inject({ method: 'GET', url: '/api/v1/me/tickets?limit=200', headers: customer.headers })
    ).json();
    expect(list.items.filter((t: { title: string }) => t.title === 'race')).toHaveLength(1);
  });

  it('replies with a clientId are stored once, even when retried concurrently', async () => {
    const ticket = await newTicket();
    const send = (headers: Record<string, string>, url: string) =>
      inject({ method: 'POST', url, headers, payload: { body: 'retry me', clientId: 'reply-1' } });
    const customerUrl = `/api/v1/me/tickets/${ticket.id}/messages`;
    const results = await Promise.all([
      send(customer.headers, customerUrl),
      send(customer.headers, customerUrl),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(results[0]!.json().id).toBe(results[1]!.json().id);
    const staffUrl = `/api/v1/tickets/${ticket.id}/messages`;
    const staff = await Promise.all([send(lin.write, staffUrl), send(lin.write, staffUrl)]);
    // Client ids are scoped to the ticket: the customer's reply-1 is there, and the agent is told the id
    // is taken rather than handed the customer's message as if it were theirs.
    expect(staff.map((r) => r.statusCode)).toEqual([409, 409]);
    const view = (
      await inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lin.read })
    ).json();
    expect(view.messages.filter((m: { body: string }) => m.body === 'retry me')).toHaveLength(1);
  });
});
