import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, type CustomerAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';

/**
 * What a customer reads of their own ticket: never the desk's own workings. An agent's or a
 * rule's tags ("suspected_fraud"), the team and the agent handling it (a customer sees "support"),
 * the service-level clocks, custom fields and internal notes are the staff's; the customer's
 * ticket, list and reply answers carry none of them, whichever route they come through.
 */
let desk: TestDesk;
let owner: CustomerAuth;
let lin: AgentAuth;
let ticketId: string;

beforeAll(async () => {
  desk = await createTestDesk();
  owner = await desk.customer('u-view-owner');
  lin = await desk.signIn('lin');
  const inject = desk.app.inject.bind(desk.app);
  const created = await inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: owner.headers,
    payload: { title: '提现还没到账', description: 'USDT 提现两小时了还没到' },
  });
  expect(created.statusCode, created.body).toBe(201);
  ticketId = created.json().id;
  const patched = await inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${ticketId}`,
    headers: lin.write,
    payload: { assigneeId: lin.agentId, tags: ['suspected_fraud', 'vip'], priority: 'high' },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  for (const [body, visibility] of [
    ['内部：先冻结再说', 'internal'],
    ['正在为您处理', 'public'],
  ] as const) {
    const res = await inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: lin.write,
      payload: { body, visibility },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await desk?.close();
});

function expectNothingOfTheDesk(summary: Record<string, unknown>) {
  expect(summary.tags).toEqual([]);
  expect(summary.assignee).toBeNull();
  expect(summary.teamId).toBeNull();
  expect(summary.slaDueAt).toBeNull();
  expect(summary.slaWarnAt).toBeNull();
  const text = JSON.stringify(summary);
  expect(text).not.toContain('suspected_fraud');
  expect(text).not.toContain(lin.agentId);
}

describe("a customer's view of their own ticket", () => {
  it('the staff see the tags, the agent and the clocks', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketId}`,
      headers: lin.read,
    });
    const staff = res.json();
    expect(staff.tags).toEqual(['suspected_fraud', 'vip']);
    expect(staff.assignee.id).toBe(lin.agentId);
  });

  it('GET /me/tickets/:id: no tags, agent, team, clocks, internal notes or custom fields', async () => {
    const res = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticketId}`,
      headers: owner.headers,
    });
    expect(res.statusCode).toBe(200);
    const mine = res.json();
    expectNothingOfTheDesk(mine);
    expect(mine.customFields).toEqual({});
    expect(JSON.stringify(mine)).not.toContain('先冻结');
    const reply = mine.messages.find((m: { body: string }) => m.body === '正在为您处理');
    expect(reply).toMatchObject({ authorId: null, authorName: null });
  });

  it('GET /me/tickets: the same for every item of the list', async () => {
    const res = await desk.app.inject({ method: 'GET', url: '/api/v1/me/tickets', headers: owner.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.id)).toContain(ticketId);
    for (const item of items) expectNothingOfTheDesk(item);
  });

  it('POST /me/tickets answers with the same view (a rule may tag on create)', async () => {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: owner.headers,
      payload: { title: '充值未到账', description: '充值 TRC20 USDT 未到账' },
    });
    expect(res.statusCode).toBe(201);
    expectNothingOfTheDesk(res.json());
  });
});
