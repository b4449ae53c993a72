import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../testing/automation-kit.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let failFirst = 2;

beforeAll(async () => {
  desk = await createTestDesk();
  receiver = await startWebhookReceiver(() => (failFirst-- > 0 ? 500 : 204));
});
afterAll(async () => {
  receiver?.close();
  await desk?.close();
});

describe('outgoing webhooks', () => {
  it('signs each delivery, retries with back-off and logs every answer; loopback only when an admin allows it', async () => {
    const admin = await desk.signIn('admin');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.write,
      payload: { name: 'receiver', url: receiver.url, events: ['ticket.created'] },
    });
    expect(created.statusCode).toBe(201);
    const secret = created.json().secret as string;
    receiver.useSecret(secret);
    const id = created.json().id as string;
    const allowed = await desk.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/webhooks/allowed-ranges',
      headers: admin.write,
      payload: { cidr: '127.0.0.0/8', note: 'test receiver' },
    });
    expect(allowed.statusCode).toBe(200);
    const customer = await desk.customer('hook-1');
    const ticket = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '提现未到账', description: 'USDT' },
    });
    expect(ticket.statusCode).toBe(201);
    const log = await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${id}/deliveries`,
        headers: admin.read,
      });
      const d = res.json().items[0];
      return d?.status === 'delivered' ? d : null;
    }, 40_000);
    expect(log.log.map((a: { status: number }) => a.status)).toEqual([500, 500, 204]);
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.valid)).toBe(true);
    expect(JSON.parse(receiver.received[2]!.body)).toMatchObject({
      type: 'ticket.created',
      ticket: { id: ticket.json().id },
    });
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.read });
    expect(list.json().items[0].secret).not.toBe(secret);
  }, 90_000);
});
