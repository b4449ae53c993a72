import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { messages } from '../../tickets/schema.ts';
import { channelDeliveries } from '../schema.ts';
import { json, startTestServer } from '../test-server.ts';
import { verifySignature } from './signature.ts';
import { postSigned } from './test-delivery.ts';

let desk: TestDesk;
let relay: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  // One relay user writes every message of these tests: on a fast machine that is a burst the
  // per-person pace (tested in the Telegram tests) would throttle.
  desk = await createTestDesk({ CUSTOMER_MESSAGES_PER_10S: '100' });
  relay = await startTestServer((_req, res) => json(res, 200, { id: 'out-1' }));
});
afterAll(async () => {
  await relay?.close();
  await desk?.close();
});

interface Created {
  id: string;
  inboundUrl: string;
  generatedSecrets: { signingSecret: string };
}

async function createChannel(settings: Record<string, unknown>): Promise<Created> {
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: { kind: 'webhook', name: 'Relay', settings },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

function signedPost(channel: Created, payload: unknown, at = new Date()) {
  return postSigned(desk.app, channel.inboundUrl, channel.generatedSecrets.signingSecret, payload, at);
}

const msg = (id: string, text: string, chat = 'chat-1', user = 'user-1') => ({
  id,
  chat: { id: chat },
  from: { id: user, name: 'Alice' },
  text,
});

async function ticketOf(platformMessageId: string): Promise<string> {
  return eventually(async () => {
    const [row] = await desk.services.db
      .select({ ticketId: channelDeliveries.ticketId })
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, platformMessageId));
    return row?.ticketId ?? null;
  });
}

async function detail(ticketId: string) {
  const agent = await desk.signIn('lin');
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets/${ticketId}`,
    headers: agent.read,
  });
  return res.json() as {
    channel: string;
    status: string;
    tags: string[];
    messages: { body: string; authorType: string; visibility: string }[];
    history: { kind: string; to: Record<string, unknown> }[];
  };
}

describe('webhook channel administration', () => {
  it('is admin-only and never shows the secret again', async () => {
    const agent = await desk.signIn('lin');
    const denied = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: agent.write,
      payload: { kind: 'webhook', name: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const channel = await createChannel({ outboundUrl: `${relay.url}/out`, allowPrivateAddresses: true });
    expect(channel.inboundUrl).toMatch(/\/api\/v1\/channels\/inbound\/[\w-]{32}$/);
    expect(channel.generatedSecrets.signingSecret).toMatch(/^whsec_/);
    const admin = await desk.signIn('admin');
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/channels', headers: admin.read });
    expect(list.body).not.toContain(channel.generatedSecrets.signingSecret);
    expect(list.json().items.find((c: { id: string }) => c.id === channel.id).secretsSet).toEqual([
      'signingSecret',
    ]);
  });
});

describe('webhook channel inbound and outbound', () => {
  it('makes one ticket of a conversation, ignores redeliveries, replies signed', async () => {
    const channel = await createChannel({ outboundUrl: `${relay.url}/out`, allowPrivateAddresses: true });
    const first = await signedPost(channel, msg('m-1', 'Hello, how do I change the app language?'));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 1, duplicates: 0 });
    const again = await signedPost(channel, msg('m-1', 'Hello, how do I change the app language?'));
    expect(again.json()).toEqual({ accepted: 0, duplicates: 1 });
    const ticketId = await ticketOf('m-1');
    await signedPost(channel, { messages: [msg('m-2', 'Still there?')] });
    expect(await ticketOf('m-2')).toBe(ticketId);

    const ticket = await detail(ticketId);
    expect(ticket.channel).toBe('webhook');
    expect(ticket.tags).toContain('unverified');
    expect(ticket.messages.map((m) => m.body)).toEqual([
      'Hello, how do I change the app language?',
      'Still there?',
    ]);

    const agent = await desk.signIn('lin');
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'Open Settings → Language.' },
    });
    expect(reply.statusCode).toBe(201);
    const sent = await eventually(async () =>
      relay.requests.find((r) => r.url === '/out' && r.body.toString().includes('Settings → Language')),
    );
    const body = JSON.parse(sent.body.toString()) as { chatId: string; text: string; replyTo: string };
    expect(body).toMatchObject({
      type: 'reply',
      chatId: 'chat-1',
      text: 'Open Settings → Language.',
      replyTo: 'm-2',
    });
    const secret = channel.generatedSecrets.signingSecret;
    expect(verifySignature(secret, sent.headers, sent.body, new Date()).ok).toBe(true);
    // An internal note is never sent.
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'internal only', visibility: 'internal' },
    });

    // Closed: the next message opens a new ticket.
    const close = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticketId}`,
      headers: agent.write,
      payload: { status: 'closed' },
    });
    expect(close.statusCode).toBe(200);
    await signedPost(channel, msg('m-3', 'New question'));
    const next = await ticketOf('m-3');
    expect(next).not.toBe(ticketId);
    expect(
      relay.requests.filter((r) => r.url === '/out' && r.body.toString().includes('Settings')),
    ).toHaveLength(1);
    expect(relay.requests.filter((r) => r.body.toString().includes('internal only'))).toHaveLength(0);
  });

  it('takes inline files through the content checks', async () => {
    const channel = await createChannel({ outboundUrl: `${relay.url}/out`, allowPrivateAddresses: true });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await signedPost(channel, {
      ...msg('f-1', 'two files', 'chat-f'),
      files: [
        { name: 'shot.png', data: png.toString('base64') },
        { name: 'page.html', data: Buffer.from('<html><script>x</script></html>').toString('base64') },
      ],
    });
    const ticketId = await ticketOf('f-1');
    const t = (await detail(ticketId)) as unknown as {
      messages: { body: string; attachments: { fileName: string; contentType: string }[] }[];
    };
    expect(t.messages[0]!.attachments).toEqual([
      expect.objectContaining({ fileName: 'shot.png', contentType: 'image/png' }),
    ]);
    expect(t.messages[0]!.body).toContain('page.html (type_not_allowed:text/html)');
  });

  it('refuses bad signatures and stale timestamps', async () => {
    const channel = await createChannel({ outboundUrl: `${relay.url}/out`, allowPrivateAddresses: true });
    const stale = await signedPost(channel, msg('old-1', 'hi'), new Date(Date.now() - 6 * 60_000));
    expect(stale.statusCode).toBe(401);
    const forged = await desk.app.inject({
      method: 'POST',
      url: new URL(channel.inboundUrl).pathname,
      headers: {
        'content-type': 'application/json',
        'x-kefu-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-kefu-signature': `v1=${'0'.repeat(64)}`,
      },
      payload: JSON.stringify(msg('forged-1', 'hi')),
    });
    expect(forged.statusCode).toBe(401);
    const unknown = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels/inbound/nope-nope-nope-nope-nope',
    });
    expect(unknown.statusCode).toBe(404);
    const rows = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, 'forged-1'));
    expect(rows).toHaveLength(0);
  });

  it('retries a failing relay, and shows a refusal on the ticket with its reason', async () => {
    const channel = await createChannel({ outboundUrl: `${relay.url}/retry`, allowPrivateAddresses: true });
    await signedPost(channel, msg('r-1', 'help', 'chat-r'));
    const ticketId = await ticketOf('r-1');
    let calls = 0;
    relay.respond((req, res) => {
      if (req.url !== '/retry') return json(res, 200, {});
      calls++;
      if (calls === 1) return json(res, 503, {});
      if (calls === 2) return json(res, 200, { id: 'ok-2' });
      return json(res, 403, { error: 'blocked' });
    });
    const agent = await desk.signIn('lin');
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'first answer' },
    });
    await eventually(async () => calls >= 2, 20_000);
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'second answer' },
    });
    const note = await eventually(async () => {
      const t = await detail(ticketId);
      return t.messages.find((m) => m.authorType === 'system');
    });
    expect(note.visibility).toBe('internal');
    expect(note.body).toContain('blocked');
    const t = await detail(ticketId);
    expect(t.history.find((h) => h.kind === 'channel_reply_failed')?.to).toMatchObject({ reason: 'blocked' });
    expect(calls).toBe(3);
  }, 40_000);

  it('splits a long reply and, on retry, resends only the parts that did not go', async () => {
    const channel = await createChannel({ outboundUrl: `${relay.url}/parts`, allowPrivateAddresses: true });
    await signedPost(channel, msg('p-1', 'long please', 'chat-p'));
    const ticketId = await ticketOf('p-1');
    const seen: string[] = [];
    let failed = false;
    relay.respond((req, res) => {
      if (req.url !== '/parts') return json(res, 200, {});
      const text = (JSON.parse(req.body.toString()) as { text: string }).text;
      seen.push(text.slice(0, 1));
      if (text.startsWith('b') && !failed) {
        failed = true;
        return json(res, 503, {});
      }
      return json(res, 200, {});
    });
    const agent = await desk.signIn('lin');
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: agent.write,
      payload: { body: `${'a'.repeat(3990)}\n\n${'b'.repeat(500)}` },
    });
    await eventually(async () => seen.length >= 3, 20_000);
    expect(seen).toEqual(['a', 'b', 'b']);
    const out = await eventually(async () => {
      const rows = await desk.services.db
        .select()
        .from(channelDeliveries)
        .where(and(eq(channelDeliveries.ticketId, ticketId), eq(channelDeliveries.direction, 'out')));
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(out).toHaveLength(1);
  }, 40_000);

  it('never calls a private address unless the channel allows it (SSRF)', async () => {
    const channel = await createChannel({ outboundUrl: `${relay.url}/ssrf`, allowPrivateAddresses: false });
    await signedPost(channel, msg('s-1', 'hi', 'chat-s'));
    const ticketId = await ticketOf('s-1');
    const agent = await desk.signIn('lin');
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'answer' },
    });
    const failed = await eventually(async () => {
      const t = await detail(ticketId);
      return t.history.find((h) => h.kind === 'channel_reply_failed');
    });
    expect(failed.to).toMatchObject({ reason: 'destination_refused' });
    expect(relay.requests.filter((r) => r.url === '/ssrf')).toHaveLength(0);
    const [stored] = await desk.services.db.select().from(messages).where(eq(messages.ticketId, ticketId));
    expect(stored).toBeDefined();
  });
});
