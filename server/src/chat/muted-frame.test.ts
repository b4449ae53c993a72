import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { connectChat } from './test-client.ts';

let desk: TestDesk;
let wsUrl: string;
beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
});
afterAll(async () => {
  await desk?.close();
});

describe('a muted customer in the chat', () => {
  it('gets the refusal with the mute’s end, for the page to say in the customer’s clock', async () => {
    const [general] = await desk.services.db.select().from(categories).where(eq(categories.code, 'general'));
    const c = await desk.customer('muted-chat-1', { language: 'en' });
    const client = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
    client.send({ type: 'start', categoryId: general!.id, lang: 'en' });
    const { ticketId } = (await client.waitFor((f) => f.type === 'chat')) as { ticketId: string };
    const agent = await desk.signIn('chen');
    const muted = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/customers/${c.customerId}/restriction`,
      headers: agent.write,
      payload: { kind: 'muted', minutes: 60, reason: 'insults' },
    });
    const until = muted.json().until as string;
    client.send({ type: 'send', ticketId, clientId: 'm-1', body: 'hello?' });
    const refusal = (await client.waitFor(
      (f) => f.type === 'error' && f.code === 'customer_muted',
    )) as Extract<ServerFrame, { type: 'error' }>;
    expect(refusal.until).toBe(until);
    expect(refusal.ref).toBe('m-1');
    await client.close();
  });
});
