// An outgoing webhook subscription switched off (security round of 2026-12-03): an admin turns one
// off when its receiver is retired or no longer trusted (a lapsed domain, a leaked URL). Before the
// fix a trigger's "send webhook" action still posted every matching event to it, signed, because
// deliveries never looked at the subscription's state; a retry of an earlier delivery did too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../testing/automation-kit.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { customerTicket, requester } from './attack-kit.ts';

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

/** The ticket a delivery is about. */
const ticketOf = (payload: Record<string, unknown>) => (payload.ticket as { id?: string } | undefined)?.id;

describe('a webhook subscription that is off', () => {
  it("receives nothing, not even through a trigger's webhook action", async () => {
    const api = requester(desk);
    const admin = await desk.signIn('admin');
    const range = { cidr: '127.0.0.0/8', note: 'test receiver' };
    expect((await api('PUT', '/api/v1/admin/webhooks/allowed-ranges', admin.write, range)).statusCode).toBe(
      200,
    );
    const subscribe = async (name: string, events: string[]) => {
      const res = await api('POST', '/api/v1/admin/webhooks', admin.write, {
        name,
        url: receiver.url,
        events,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; secret: string };
    };
    const on = await subscribe('still on', ['ticket.created']);
    const off = await subscribe('retired', ['ticket.rated']);
    receiver.useSecret(on.secret);
    const trigger = await api('POST', '/api/v1/admin/triggers', admin.write, {
      name: 'tell the retired receiver',
      events: ['ticket.created'],
      actions: [{ type: 'webhook', subscriptionId: off.id }],
    });
    expect(trigger.statusCode, trigger.body).toBe(201);
    const turnedOff = await api('PATCH', `/api/v1/admin/webhooks/${off.id}`, admin.write, { active: false });
    expect(turnedOff.statusCode).toBe(200);

    const t = await customerTicket(desk, 'webhook-off', '提现未到账');
    // The subscription still on gets the event: events flow.
    await eventually(async () => receiver.received.some((d) => ticketOf(d.payload) === t.id));
    // The trigger fired and its delivery to the retired subscription was settled without a post.
    const settled = await eventually(async () => {
      const res = await api('GET', `/api/v1/admin/webhooks/${off.id}/deliveries`, admin.read);
      const item = (res.json().items as Array<{ ticketId: string; status: string; log: unknown[] }>).find(
        (d) => d.ticketId === t.id && d.status !== 'pending',
      );
      return item ?? null;
    }, 30_000);
    expect(settled.status).toBe('refused');
    expect(receiver.received.filter((d) => d.payload.trigger)).toEqual([]);
    // Switched on again, the same trigger reaches it.
    await api('PATCH', `/api/v1/admin/webhooks/${off.id}`, admin.write, { active: true });
    const again = await customerTicket(desk, 'webhook-on-again', '提现未到账');
    await eventually(async () =>
      receiver.received.some((d) => d.payload.trigger && ticketOf(d.payload) === again.id),
    );
  }, 60_000);
});
