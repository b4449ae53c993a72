import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { type ChatClient, connectChat } from './test-client.ts';

let desk: TestDesk;
let wsUrl: string;
let fundsCategory: string;
const open: ChatClient[] = [];

beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const [row] = await desk.services.db
    .select()
    .from(categories)
    .where(eq(categories.code, 'deposit_withdrawal'));
  fundsCategory = row!.id;
});
afterAll(async () => {
  for (const c of open) await c.close();
  await desk?.close();
});

type Queues = {
  teams: Array<{
    id: string;
    nameEn: string;
    waiting: number;
    longestWaitSeconds: number;
    chats: Array<{ ticketId: string }>;
  }>;
  agents: Array<{
    id: string;
    name: string;
    status: string;
    load: number;
    capacity: number;
    chats: Array<{ ticketId: string }>;
  }>;
  me: { status: string; load: number; capacity: number } | null;
};

describe('chat queues and loads for staff', () => {
  it('shows a queued chat to the team and to supervisors, and assigns in bulk', async () => {
    // Omar (funds) is online but full (capacity 0): the funds team is on shift, nothing routes.
    const db = desk.services.db;
    await db.update(agents).set({ chatCapacity: 0 }).where(eq(agents.email, 'omar@lumen-exchange.example'));
    const omar = await desk.signIn('omar');
    const omarWs = await connectChat(wsUrl, { headers: { ...omar.read, origin: 'http://desk.test' } });
    open.push(omarWs);
    omarWs.send({ type: 'presence', status: 'online' });
    await omarWs.waitFor((f) => f.type === 'presence' && f.agentId === omar.agentId);

    const c = await desk.customer('queue-1', { name: 'Queue Person' });
    const customer = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
    open.push(customer);
    customer.send({ type: 'start', categoryId: fundsCategory, lang: 'en' });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    customer.send({ type: 'handoff', ticketId: chat.ticketId });
    await customer.waitFor((f) => f.type === 'queue');

    const lin = await desk.signIn('lin');
    const linView = await eventually(async () => {
      const res = await desk.app.inject({ method: 'GET', url: '/api/v1/chat/queues', headers: lin.read });
      const body = res.json() as Queues;
      return body.teams.find((t) => t.waiting === 1) ? body : null;
    });
    // An agent sees only their teams and only themselves.
    expect(linView.teams.map((t) => t.nameEn)).toEqual(['Deposits & withdrawals']);
    expect(linView.teams[0]!.chats[0]!.ticketId).toBe(chat.ticketId);
    expect(linView.agents).toHaveLength(1);
    expect(linView.me).toMatchObject({ status: 'offline', load: 0, capacity: 5 });

    const sup = await desk.signIn('supervisor');
    const supView = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/chat/queues', headers: sup.read })
    ).json() as Queues;
    expect(supView.teams.length).toBeGreaterThan(1);
    expect(supView.agents.find((a) => a.id === omar.agentId)).toMatchObject({ status: 'online', load: 0 });

    // Agents may not assign; a supervisor may, and a full agent is refused per chat.
    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/chat/assign',
      headers: lin.write,
      payload: { ticketIds: [chat.ticketId], agentId: lin.agentId },
    });
    expect(refused.statusCode).toBe(403);
    const full = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/chat/assign',
      headers: sup.write,
      payload: { ticketIds: [chat.ticketId], agentId: omar.agentId },
    });
    expect(full.json()).toEqual({
      results: [{ ticketId: chat.ticketId, ok: false, code: 'agent_at_capacity' }],
    });
    const given = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/chat/assign',
      headers: sup.write,
      payload: { ticketIds: [chat.ticketId], agentId: lin.agentId },
    });
    expect(given.json()).toEqual({ results: [{ ticketId: chat.ticketId, ok: true }] });
    await customer.waitFor((f) => f.type === 'chat' && f.state === 'assigned' && f.agent?.id === lin.agentId);
    const after = (
      await desk.app.inject({ method: 'GET', url: '/api/v1/chat/queues', headers: sup.read })
    ).json() as Queues;
    expect(after.teams.every((t) => t.waiting === 0)).toBe(true);
    expect(after.agents.find((a) => a.id === lin.agentId)).toMatchObject({
      load: 1,
      chats: [{ ticketId: chat.ticketId, customerName: 'Queue Person' }],
    });
  });
});
