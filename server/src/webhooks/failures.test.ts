// A subscription whose target resolves (by DNS, not a literal address) to a private address is
// refused at send time; after five deliveries given up in a row it is disabled and every admin is
// told; re-enabled with the range allowed, "send again" delivers the same body with a signature
// the documented example (docs/examples/verify-webhook.mjs) accepts.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../identity/schema.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';
import { openCustomerTicket, startWebhookReceiver } from '../testing/automation-kit.ts';
import { createTestDesk, eventually, jobsSettled, type TestDesk } from '../testing/harness.ts';
import { DISABLE_AFTER_FAILURES } from './deliveries.ts';

type Verify = (secret: string, header: string, rawBody: string, now?: number) => boolean;

let desk: TestDesk;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  desk = await createTestDesk();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  receiver?.close();
  await desk?.close();
});

interface Delivery {
  id: string;
  ticketId: string;
  status: string;
  log: Array<{ status: number | null; error: string | null }>;
}

describe('webhook failures', () => {
  it('refuses a host name that resolves to loopback, disables after five, tells admins; re-enabled, "send again" delivers', async () => {
    const admin = await desk.signIn('admin');
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
      desk.app.inject({
        method,
        url,
        headers: method === 'GET' ? admin.read : admin.write,
        ...(payload ? { payload } : {}),
      });
    // `localhost`: a name, so the check has to happen after the lookup.
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    const created = await api('POST', '/api/v1/admin/webhooks', {
      name: 'on-premise',
      url,
      events: ['ticket.created'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    receiver.useSecret(secret);
    const deliveries = async () =>
      (await api('GET', `/api/v1/admin/webhooks/${id}/deliveries`)).json().items as Delivery[];

    const customer = await desk.customer('hook-failures');
    for (let i = 0; i < DISABLE_AFTER_FAILURES; i++)
      await openCustomerTicket(desk, customer, { title: `提现未到账 ${i}`, description: 'USDT' });
    const refused = await eventually(async () => {
      const items = await deliveries();
      return items.length === DISABLE_AFTER_FAILURES && items.every((d) => d.status === 'refused')
        ? items
        : null;
    }, 40_000);
    expect(refused[0]!.log).toHaveLength(1);
    expect(refused[0]!.log[0]!.error).toContain('private address');
    expect(receiver.received).toHaveLength(0);

    const shown = (await api('GET', '/api/v1/admin/webhooks'))
      .json()
      .items.find((w: { id: string }) => w.id === id);
    expect(shown.disabledAt).not.toBeNull();
    expect(shown.disabledReason).toContain(`${DISABLE_AFTER_FAILURES} deliveries failed in a row`);
    const admins = await desk.services.db
      .select({ id: agents.id })
      .from(agents)
      .where(eq(agents.role, 'admin'));
    for (const a of admins) {
      const notices = await desk.services.db
        .select()
        .from(agentNotifications)
        .where(and(eq(agentNotifications.agentId, a.id), eq(agentNotifications.kind, 'automation')));
      expect(notices.some((n) => n.title.includes('on-premise') && n.title.includes('disabled'))).toBe(true);
    }
    // Disabled: a new ticket queues nothing for it.
    await openCustomerTicket(desk, customer, { title: '又一个', description: 'USDT' });
    await jobsSettled(desk, 'webhooks.fan-out');
    expect(await deliveries()).toHaveLength(DISABLE_AFTER_FAILURES);

    // The admin allows loopback for the on-premise receiver, re-enables, and sends one again.
    expect(
      (await api('PUT', '/api/v1/admin/webhooks/allowed-ranges', { cidr: '127.0.0.0/8' })).statusCode,
    ).toBe(200);
    expect((await api('PUT', '/api/v1/admin/webhooks/allowed-ranges', { cidr: '::1/128' })).statusCode).toBe(
      200,
    );
    const enabled = await api('PATCH', `/api/v1/admin/webhooks/${id}`, { active: true });
    expect(enabled.json()).toMatchObject({ active: true, disabledAt: null, failuresInRow: 0 });
    const again = refused[0]!;
    const resend = await api('POST', `/api/v1/admin/webhooks/${id}/deliveries/${again.id}/resend`);
    expect(resend.statusCode, resend.body).toBeLessThan(300);
    const delivered = await eventually(async () => {
      const d = (await deliveries()).find((x) => x.id === again.id);
      return d?.status === 'delivered' ? d : null;
    }, 40_000);
    expect(delivered.log.map((a) => a.status)).toEqual([null, 204]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.payload).toMatchObject({
      type: 'ticket.created',
      ticket: { id: again.ticketId },
    });
    // The documented verification accepts it; a changed body does not.
    const example = new URL('../../../docs/examples/verify-webhook.mjs', import.meta.url).href;
    const { verify } = (await import(example)) as { verify: Verify };
    const got = receiver.received[0]!;
    expect(verify(secret, got.signature, got.body)).toBe(true);
    expect(verify(secret, got.signature, got.body.replace('ticket.created', 'ticket.merged'))).toBe(false);
    expect(verify(`${secret}x`, got.signature, got.body)).toBe(false);

    // The range stops being allowed: the next send is refused again, and nothing more arrives.
    const stopped = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/webhooks/allowed-ranges?cidr=${encodeURIComponent('127.0.0.0/8')}`,
      headers: admin.write,
    });
    expect(stopped.statusCode, stopped.body).toBe(200);
    await api('PUT', '/api/v1/admin/webhooks/allowed-ranges', { cidr: '10.0.0.0/8' });
    const unknown = await desk.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/webhooks/allowed-ranges?cidr=192.168.0.0/16',
      headers: admin.write,
    });
    expect(unknown.statusCode).toBe(404);
    const ipv6 = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/webhooks/allowed-ranges?cidr=${encodeURIComponent('::1/128')}`,
      headers: admin.write,
    });
    expect(ipv6.statusCode).toBe(200);
    const lin = await desk.signIn('lin');
    const byAgent = await desk.app.inject({
      method: 'DELETE',
      url: '/api/v1/admin/webhooks/allowed-ranges?cidr=10.0.0.0/8',
      headers: lin.write,
    });
    expect(byAgent.statusCode).toBe(403);
    await api('POST', `/api/v1/admin/webhooks/${id}/deliveries/${again.id}/resend`);
    await eventually(async () => {
      const d = (await deliveries()).find((x) => x.id === again.id);
      return d?.status === 'refused' ? d : null;
    }, 40_000);
    expect(receiver.received).toHaveLength(1);
  }, 90_000);
});
