import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { connectChat } from './test-client.ts';

const SEED = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

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

describe('a secret typed into a chat', () => {
  it('is masked for the agent live, and the customer is told in the ack', async () => {
    const auth = await desk.signIn('chen');
    const agent = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId);
    const c = await desk.customer('secret-1');
    const customer = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
    const [account] = (await desk.services.db.select().from(categories)).filter((r) => r.code === 'account');
    customer.send({ type: 'start', categoryId: account!.id, lang: 'en' });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    customer.send({ type: 'handoff', ticketId: chat.ticketId });
    await agent.waitFor((f) => f.type === 'assigned' && f.ticketId === chat.ticketId);

    customer.send({ type: 'send', ticketId: chat.ticketId, clientId: 'c-seed', body: `my phrase: ${SEED}` });
    const ack = (await customer.waitFor((f) => f.type === 'ack' && f.clientId === 'c-seed')) as Extract<
      ServerFrame,
      { type: 'ack' }
    >;
    expect(ack.safetyNotice?.message).toMatch(/助记词|seed/);
    const seen = (await agent.waitFor(
      (f) => f.type === 'item' && f.item.kind === 'message' && f.item.clientId === 'c-seed',
    )) as Extract<ServerFrame, { type: 'item' }>;
    const body = seen.item.kind === 'message' ? seen.item.body : '';
    expect(body).toMatch(/^my .*hidden/);
    expect(body).not.toContain('abandon about');
    await customer.close();
    await agent.close();
  });
});
