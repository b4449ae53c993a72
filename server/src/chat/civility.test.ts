import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { connectChat } from './test-client.ts';

let desk: TestDesk;
let wsUrl: string;
beforeAll(async () => {
  // Two messages per ten seconds: the desk's civility pace, made tight enough to test quickly.
  desk = await createTestDesk({ CUSTOMER_MESSAGES_PER_10S: '2' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
});
afterAll(async () => {
  await desk?.close();
});

describe('civility limits in live chat', () => {
  it('tells a flooding customer to slow down, keeps what was within the pace, and never limits a resend', async () => {
    const customer = await desk.customer('chat-flood-1');
    const client = await connectChat(wsUrl, {
      token: customer.headers.authorization.slice('Bearer '.length),
    });
    const categories = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json().items;
    client.send({ type: 'start', categoryId: categories[0].id, lang: 'en' });
    const chat = (await client.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    const acked = (id: string) => client.waitFor((f) => f.type === 'ack' && f.clientId === id);

    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'f-1', body: 'first' });
    await acked('f-1');
    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'f-2', body: 'second' });
    await acked('f-2');
    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'f-3', body: 'third' });
    const refused = (await client.waitFor((f) => f.type === 'error' && f.ref === 'f-3')) as Extract<
      ServerFrame,
      { type: 'error' }
    >;
    expect(refused.code).toBe('slow_down');
    expect(refused.message).toMatch(/slow|太快/i);

    // A resend of a stored message (a reconnect's outbox) is acked again, not refused.
    client.send({ type: 'send', ticketId: chat.ticketId, clientId: 'f-1', body: 'first' });
    await client.waitFor(
      (f) =>
        f.type === 'ack' &&
        f.clientId === 'f-1' &&
        client.frames.filter((x) => x.type === 'ack' && x.clientId === 'f-1').length === 2,
    );

    const staff = await desk.signIn('admin');
    const thread = (
      await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${chat.ticketId}`, headers: staff.read })
    ).json();
    const bodies = thread.messages
      .filter((m: { authorType: string }) => m.authorType === 'customer')
      .map((m: { body: string }) => m.body);
    expect(bodies).toContain('first');
    expect(bodies).toContain('second');
    expect(bodies).not.toContain('third');
    await client.close();
  });
});
