// The live chat's routing and the customer's rating are ticket changes like any other: they are
// emitted as events (a trigger hears them), and a chat given to an agent raises no "assigned"
// notice (the chat's own frames tell the agent).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, teams } from '../desk/schema.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';
import { createTrigger, type HistoryRow, staffDetail } from '../testing/automation-kit.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { connectChat } from './test-client.ts';

let desk: TestDesk;
let wsUrl: string;

beforeAll(async () => {
  desk = await createTestDesk();
  const base = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${base.replace('http', 'ws')}/api/v1/chat/ws`;
});
afterAll(async () => {
  await desk?.close();
});

const tagsOf = async (ticketId: string) => {
  const admin = await desk.signIn('admin');
  return (await staffDetail(desk, admin, ticketId)).tags as string[];
};

describe('routing and rating as ticket events', () => {
  it('a chat given to an agent and sent to another team emits assignee and team changes; rating emits ticket.rated', async () => {
    const db = desk.services.db;
    const admin = await desk.signIn('admin');
    await createTrigger(desk, admin, {
      name: 'chat routed',
      events: ['assignee.changed'],
      actions: [{ type: 'add_tags', tags: ['routed'] }],
    });
    await createTrigger(desk, admin, {
      name: 'chat moved team',
      events: ['team.changed'],
      actions: [{ type: 'add_tags', tags: ['team-moved'] }],
    });
    await createTrigger(desk, admin, {
      name: 'rated',
      events: ['ticket.rated'],
      actions: [{ type: 'add_tags', tags: ['rated'] }],
    });
    const [account] = await db.select().from(categories).where(eq(categories.code, 'account'));
    const [general] = await db.select().from(teams).where(eq(teams.code, 'general'));
    const chenAuth = await desk.signIn('chen');
    const chen = await connectChat(wsUrl, { headers: chenAuth.read });
    chen.send({ type: 'presence', status: 'online' });
    await chen.waitFor((f) => f.type === 'presence' && f.agentId === chenAuth.agentId);

    const session = await desk.customer('routing-events-1');
    const customer = await connectChat(wsUrl, { token: session.headers.authorization.slice(7) });
    customer.send({ type: 'start', categoryId: account!.id, lang: 'zh-CN' });
    const { ticketId } = (await customer.waitFor((f) => f.type === 'chat')) as { ticketId: string };
    customer.send({ type: 'send', ticketId, clientId: 'r-1', body: '转人工' });
    await chen.waitFor((f) => f.type === 'assigned' && f.ticketId === ticketId);

    await eventually(async () => (await tagsOf(ticketId)).includes('routed'), 20_000);
    const history = (await staffDetail(desk, admin, ticketId)).history as HistoryRow[];
    expect(history.some((h) => h.kind === 'trigger_fired' && h.to.name === 'chat routed')).toBe(true);
    // No bell notice for the chat: the agent was told by the chat itself.
    const notices = await db
      .select()
      .from(agentNotifications)
      .where(
        and(eq(agentNotifications.agentId, chenAuth.agentId), eq(agentNotifications.ticketId, ticketId)),
      );
    expect(notices.filter((n) => n.kind === 'assigned')).toEqual([]);

    chen.send({ type: 'transfer', ticketId, toTeamId: general!.id });
    await chen.waitFor((f) => f.type === 'unassigned' && f.ticketId === ticketId);
    await eventually(async () => (await tagsOf(ticketId)).includes('team-moved'), 20_000);

    // Solved, then rated by the customer: the rating is the `ticket.rated` event.
    const solved = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticketId}`,
      headers: admin.write,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode, solved.body).toBe(200);
    const rated = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/me/tickets/${ticketId}/rating`,
      headers: session.headers,
      payload: { score: 2, comment: '太慢' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    await eventually(async () => (await tagsOf(ticketId)).includes('rated'), 20_000);
    const after = (await staffDetail(desk, admin, ticketId)).history as HistoryRow[];
    expect(after.filter((h) => h.kind === 'csat_rating').at(-1)).toMatchObject({ from: null, to: 2 });
    await chen.close();
    await customer.close();
  }, 60_000);
});
