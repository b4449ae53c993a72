import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let server: Server;
const received: Array<{ signature: string; body: string; valid: boolean }> = [];
let failFirst = 2;
let secret = '';

beforeAll(async () => {
  desk = await createTestDesk();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const signature = String(req.headers['kefu-signature'] ?? '');
      const parts = Object.fromEntries(signature.split(',').map((p) => p.split('=')));
      const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
      received.push({ signature, body, valid: parts.v1 === expected });
      res.writeHead(failFirst-- > 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  server?.close();
  await desk?.close();
});

describe('outgoing webhooks', () => {
  it('signs each delivery, retries with back-off and logs every answer; loopback only when an admin allows it', async () => {
    const admin = await desk.signIn('admin');
    const port = (server.address() as AddressInfo).port;
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.write,
      payload: { name: 'receiver', url: `http://127.0.0.1:${port}/hook`, events: ['ticket.created'] },
    });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
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
    expect(received).toHaveLength(3);
    expect(received.every((r) => r.valid)).toBe(true);
    expect(JSON.parse(received[2]!.body)).toMatchObject({
      type: 'ticket.created',
      ticket: { id: ticket.json().id },
    });
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.read });
    expect(list.json().items[0].secret).not.toBe(secret);
  }, 90_000);
});
