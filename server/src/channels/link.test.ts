import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { channelDeliveries } from './schema.ts';
import { json, startTestServer } from './test-server.ts';
import { sign } from './webhook/signature.ts';

let desk: TestDesk;
let relay: Awaited<ReturnType<typeof startTestServer>>;
let channel: { inboundUrl: string; generatedSecrets: { signingSecret: string } };
beforeAll(async () => {
  desk = await createTestDesk();
  relay = await startTestServer((_req, res) => json(res, 200, {}));
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: {
      kind: 'webhook',
      name: 'Relay',
      settings: {
        outboundUrl: relay.url,
        allowPrivateAddresses: true,
        linkUrl: 'https://app.lumen-exchange.example/link',
      },
    },
  });
  channel = res.json();
});
afterAll(async () => {
  await relay?.close();
  await desk?.close();
});

async function say(id: string, text: string) {
  const body = JSON.stringify({ id, chat: { id: 'dm-9' }, from: { id: 'p-9', name: 'Wang' }, text });
  const ts = Math.floor(Date.now() / 1000);
  await desk.app.inject({
    method: 'POST',
    url: new URL(channel.inboundUrl).pathname,
    headers: {
      'content-type': 'application/json',
      'x-kefu-timestamp': String(ts),
      'x-kefu-signature': `v1=${sign(channel.generatedSecrets.signingSecret, ts, body)}`,
    },
    payload: body,
  });
  return eventually(async () => {
    const [row] = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, id));
    return row?.ticketId ?? null;
  });
}

describe('linking a platform account to the customer', () => {
  it('keeps an unverified person away from account matters until they link through the app', async () => {
    const ticketId = await say('l-1', '我的提现还没到账');
    const offer = await eventually(async () =>
      relay.requests
        .map((r) => JSON.parse(r.body.toString()) as { text: string })
        .find((b) => b.text.includes('绑定')),
    );
    const url = new URL(/https:\S+/.exec(offer.text)![0]);
    expect(url.origin + url.pathname).toBe('https://app.lumen-exchange.example/link');
    const code = url.searchParams.get('code')!;

    const agent = await desk.signIn('lin');
    const before = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketId}/channel`,
      headers: agent.read,
    });
    expect(before.json().contact).toMatchObject({ verified: false, displayName: 'Wang' });
    expect(before.json().contact.notice).toContain('Unverified');

    // A forged or altered code is refused.
    const customer = await desk.customer('uid-wang', { name: '王先生' });
    const forged = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/channel-links',
      headers: customer.headers,
      payload: { code: `${code.split('.')[0]}.${'A'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_link_code');

    const linked = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/channel-links',
      headers: customer.headers,
      payload: { code },
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ channel: { kind: 'webhook' }, tickets: 1 });
    const again = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/channel-links',
      headers: customer.headers,
      payload: { code },
    });
    expect(again.statusCode).toBe(400);

    const after = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketId}/channel`,
      headers: agent.read,
    });
    expect(after.json().contact).toMatchObject({
      verified: true,
      verifiedCustomerId: customer.customerId,
      notice: null,
    });
    const mine = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
    });
    expect(JSON.stringify(mine.json())).toContain(ticketId);
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketId}`,
      headers: agent.read,
    });
    expect(detail.json().tags).not.toContain('unverified');

    // Later messages land on the customer's history directly.
    const next = await say('l-2', 'thanks');
    expect(next).toBe(ticketId);
  });

  it('a visitor session cannot claim an account', async () => {
    const visitor = await desk.app.inject({ method: 'POST', url: '/api/v1/customer/session', payload: {} });
    expect(visitor.statusCode).toBe(201);
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/channel-links',
      headers: { authorization: `Bearer ${visitor.json().token}` },
      payload: { code: 'x'.repeat(20) },
    });
    expect(res.statusCode).toBe(403);
  });
});
