import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function categoryId(code: string): Promise<string> {
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
  return (res.json() as { items: Array<{ id: string; code: string }> }).items.find((c) => c.code === code)!
    .id;
}

describe('a ticket from the customer to the agent and back', () => {
  it('opens, answers, notifies, reopens and keeps the history', async () => {
    const customer = await desk.customer('u-flow-1', { name: '张三', language: 'zh-CN' });
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: {
        title: '提现一直在审核中',
        description: '昨天提现 100 USDT 到现在还在审核',
        categoryId: await categoryId('deposit_withdrawal'),
        fields: { coin: 'USDT', network: 'TRC20', amount: 100 },
      },
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket.number).toMatch(/^KF-\d{6}$/);
    expect(ticket.status).toBe('new');
    expect(ticket.priority).toBe('high');

    const agent = await desk.signIn('lin');
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/messages`,
      headers: agent.write,
      payload: { body: '您好，我们正在核实。', thenStatus: 'solved' },
    });
    expect(reply.statusCode).toBe(201);
    const note = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: agent.write,
      payload: { body: 'internal: wallet team checking', visibility: 'internal' },
    });
    expect(note.statusCode).toBe(201);

    const inbox = await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: '/api/v1/me/inbox',
        headers: customer.headers,
      });
      const body = res.json();
      return body.unread === 1 ? body : null;
    });
    expect(inbox.items[0].title).toContain(ticket.number);

    const seen = (
      await desk.app.inject({
        method: 'GET',
        url: `/api/v1/me/tickets/${ticket.id}`,
        headers: customer.headers,
      })
    ).json();
    expect(seen.status).toBe('solved');
    expect(seen.messages.map((m: { body: string }) => m.body)).not.toContain(
      'internal: wallet team checking',
    );

    const back = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/messages`,
      headers: customer.headers,
      payload: { body: '还是没有到账', clientId: 'c-1' },
    });
    expect(back.statusCode).toBe(201);
    const again = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/me/tickets/${ticket.id}/messages`,
      headers: customer.headers,
      payload: { body: '还是没有到账', clientId: 'c-1' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(back.json().id);

    const staffView = (
      await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: agent.read })
    ).json();
    expect(staffView.status).toBe('open');
    const statuses = staffView.history
      .filter((e: { kind: string }) => e.kind === 'status')
      .map((e: { from: string; to: string }) => `${e.from}->${e.to}`);
    expect(statuses).toEqual(['new->solved', 'solved->open']);
    expect(
      staffView.messages.filter((m: { visibility: string }) => m.visibility === 'internal'),
    ).toHaveLength(1);
  });
});
