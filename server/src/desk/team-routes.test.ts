import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { chatSessions } from '../chat/schema.ts';
import { connectChat } from '../chat/test-client.ts';
import { agents } from '../identity/schema.ts';
import { createTestDesk, eventually, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';
import { categories, teams } from './schema.ts';

let desk: TestDesk;
let wsUrl: string;
let team: Record<string, string>;
let category: Record<string, string>;

beforeAll(async () => {
  desk = await createTestDesk({ ...RELAXED_PACE, PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const db = desk.services.db;
  team = Object.fromEntries((await db.select().from(teams)).map((t) => [t.code, t.id]));
  category = Object.fromEntries((await db.select().from(categories)).map((c) => [c.code, c.id]));
});
afterAll(async () => {
  await desk?.close();
});

async function patchTeam(who: 'admin' | 'supervisor', id: string, payload: unknown, language = 'en') {
  const auth = await desk.signIn(who);
  return desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/admin/teams/${id}`,
    headers: { ...auth.write, 'accept-language': language },
    payload: payload as Record<string, unknown>,
  });
}

async function online(who: 'maya' | 'lin', capacity: number) {
  const auth = await desk.signIn(who);
  await desk.services.db.update(agents).set({ chatCapacity: capacity }).where(eq(agents.id, auth.agentId));
  const client = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
  client.send({ type: 'presence', status: 'online' });
  await client.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId && f.status === 'online');
  return client;
}

async function askForPerson(uid: string) {
  const c = await desk.customer(uid);
  const client = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
  client.send({ type: 'start', categoryId: category.general!, lang: 'en' });
  const { ticketId } = (await client.waitFor((f) => f.type === 'chat')) as { ticketId: string };
  client.send({ type: 'handoff', ticketId });
  return { client, ticketId };
}

describe('team routing settings', () => {
  it('lets only admins change a team, refuses itself as its overflow in the caller language, and audits', async () => {
    expect((await patchTeam('supervisor', team.general!, { queueLimit: 5 })).statusCode).toBe(403);
    const self = await patchTeam('admin', team.general!, { overflowTeamId: team.general }, 'zh-CN');
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('overflow_team_invalid');
    expect(self.json().error.message).toMatch(/溢出团队/);
    const unknown = await patchTeam('admin', team.general!, {
      overflowTeamId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.json().error.code).toBe('overflow_team_invalid');
    const missing = await patchTeam('admin', '00000000-0000-4000-8000-000000000000', { queueLimit: 3 });
    expect(missing.statusCode).toBe(404);
    expect((await patchTeam('admin', team.general!, { queueLimit: 0 })).statusCode).toBe(400);

    const ok = await patchTeam('admin', team.general!, {
      nameEn: 'General questions',
      skills: ['general', 'faq'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ nameEn: 'General questions', skills: ['general', 'faq'] });
    const [entry] = await desk.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'team.update'), eq(auditLog.targetId, team.general!)));
    expect(entry?.data).toMatchObject({ nameEn: { from: 'General', to: 'General questions' } });
  });

  it("queues up to the team's own limit, then overflows to its overflow team, then says busy", async () => {
    const db = desk.services.db;
    // Maya (trading, general) is on shift but has no room: general's chats wait in its queue.
    const maya = await online('maya', 0);
    const lin = await online('lin', 2); // deposits & withdrawals
    expect(
      (await patchTeam('admin', team.general!, { queueLimit: 1, overflowTeamId: team.funds })).statusCode,
    ).toBe(200);

    const first = await askForPerson('overflow-1');
    await first.client.waitFor((f) => f.type === 'chat' && f.state === 'queued');

    // General's queue is full (1 of 1): the next one goes to the overflow team, and Lin gets it.
    const second = await askForPerson('overflow-2');
    await second.client.waitFor((f) => f.type === 'chat' && f.state === 'assigned');
    const [moved] = await db.select().from(chatSessions).where(eq(chatSessions.ticketId, second.ticketId));
    expect(moved?.teamId).toBe(team.funds);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, second.ticketId));
    expect(ticket?.teamId).toBe(team.funds);

    // Without an overflow team, the next one hears the queue is full.
    expect((await patchTeam('admin', team.general!, { overflowTeamId: null })).statusCode).toBe(200);
    const third = await askForPerson('overflow-3');
    const busy = await third.client.waitFor((f) => f.type === 'busy');
    expect(busy).toMatchObject({ reason: 'queue_full', queueLength: 1 });
    await eventually(async () => {
      const [row] = await db.select().from(chatSessions).where(eq(chatSessions.ticketId, third.ticketId));
      return row?.state === 'bot';
    });
    for (const c of [first.client, second.client, third.client, maya, lin]) await c.close();
  }, 60_000);
});
