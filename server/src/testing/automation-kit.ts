import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { AgentAuth, CustomerAuth, TestDesk } from './harness.ts';

/** What the automation tests do again and again: a trigger, a ticket, its staff detail. */
export interface HistoryRow {
  kind: string;
  actorType: string;
  from: unknown;
  to: Record<string, unknown>;
}

/** Saves a trigger as an admin (201 expected). */
export async function createTrigger(desk: TestDesk, admin: AgentAuth, payload: Record<string, unknown>) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/triggers',
    headers: admin.write,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

/** A ticket opened by a customer from the help pages. */
export async function openCustomerTicket(
  desk: TestDesk,
  customer: CustomerAuth,
  payload = { title: '提现未到账', description: 'USDT 提现两小时未到账' },
) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

/** The ticket as staff see it (history included). */
export async function staffDetail(desk: TestDesk, auth: AgentAuth, id: string) {
  return (await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: auth.read })).json();
}

/** How many times the trigger of that name fired, by the ticket's history. */
export const firingsOf = (history: readonly HistoryRow[], name: string) =>
  history.filter((h) => h.kind === 'trigger_fired' && h.to.name === name).length;

/** Defines custom fields as an admin (each 201 expected). */
export async function defineFields(
  desk: TestDesk,
  admin: AgentAuth,
  fields: readonly Record<string, unknown>[],
) {
  for (const payload of fields) {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: admin.write,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

export interface ReceivedDelivery {
  signature: string;
  body: string;
  /** Whether `Kefu-Signature` checks out under the secret set with `useSecret`. */
  valid: boolean;
  payload: Record<string, unknown>;
}

/**
 * A webhook receiver on a free loopback port: it checks each delivery's signature as a real one
 * would (HMAC-SHA256 over "<t>.<body>") and answers with `status()` (204 unless told).
 */
export async function startWebhookReceiver(status: () => number = () => 204) {
  let secret = '';
  const received: ReceivedDelivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const signature = String(req.headers['kefu-signature'] ?? '');
      const parts = Object.fromEntries(signature.split(',').map((p) => p.split('=')));
      const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
      received.push({ signature, body, valid: parts.v1 === expected, payload: JSON.parse(body) });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    useSecret: (s: string) => {
      secret = s;
    },
    close: () => server.close(),
  };
}
