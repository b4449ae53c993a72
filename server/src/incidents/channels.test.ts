import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelDeliveries } from '../channels/schema.ts';
import { json, startTestServer } from '../channels/test-server.ts';
import { sign } from '../channels/webhook/signature.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let relay: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  desk = await createTestDesk();
  relay = await startTestServer((_req, res) => json(res, 200, { id: 'out-1' }));
});
afterAll(async () => {
  await relay?.close();
  await desk?.close();
});

describe('an incident reply on each linked customer’s own channel', () => {
  it('reaches a customer who wrote through a messaging channel, through that channel', async () => {
    const admin = await desk.signIn('admin');
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload: {
        kind: 'webhook',
        name: 'Relay',
        settings: { outboundUrl: `${relay.url}/out`, allowPrivateAddresses: true },
      },
    });
    expect(created.statusCode).toBe(201);
    const channel = created.json() as { inboundUrl: string; generatedSecrets: { signingSecret: string } };
    const body = JSON.stringify({
      id: 'inc-m-1',
      chat: { id: 'inc-chat-1' },
      from: { id: 'inc-user-1', name: 'Alice' },
      text: 'My TRC20 withdrawal has not arrived',
    });
    const ts = Math.floor(Date.now() / 1000);
    const inbound = await desk.app.inject({
      method: 'POST',
      url: new URL(channel.inboundUrl).pathname,
      headers: {
        'content-type': 'application/json',
        'x-kefu-timestamp': String(ts),
        'x-kefu-signature': `v1=${sign(channel.generatedSecrets.signingSecret, ts, body)}`,
      },
      payload: body,
    });
    expect(inbound.statusCode).toBe(200);
    const ticketId = await eventually(async () => {
      const [row] = await desk.services.db
        .select({ ticketId: channelDeliveries.ticketId })
        .from(channelDeliveries)
        .where(eq(channelDeliveries.platformMessageId, 'inc-m-1'));
      return row?.ticketId ?? null;
    });

    const owner = await desk.customer('inc-channel-owner');
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: owner.headers,
      payload: { title: 'TRC20 提现延迟', description: '提现未到账' },
    });
    const incident = opened.json().id as string;
    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: admin.write,
      payload: { ticket: incident },
    });
    const linked = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident}/links`,
      headers: admin.write,
      payload: { tickets: [ticketId] },
    });
    expect(linked.json().linked).toBe(1);
    const replied = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident}/replies`,
      headers: admin.write,
      payload: { zh: '链上拥堵，2 小时内到账。', en: 'The chain is congested; it arrives within 2 hours.' },
    });
    expect(replied.statusCode).toBe(201);
    // The customer wrote in English, so the English text goes out, once, to their chat.
    const sent = await eventually(
      async () => relay.requests.find((r) => r.url === '/out' && r.body.toString().includes('congested')),
      20_000,
    );
    expect(JSON.parse(sent.body.toString())).toMatchObject({
      type: 'reply',
      chatId: 'inc-chat-1',
      text: 'The chain is congested; it arrives within 2 hours.',
      replyTo: 'inc-m-1',
    });
    expect(relay.requests.some((r) => r.body.toString().includes('链上拥堵'))).toBe(false);
  }, 60_000);
});
