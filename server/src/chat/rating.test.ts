import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { ticketEvents } from '../tickets/schema.ts';
import { connectChat } from './test-client.ts';

type EventItem = Extract<TimelineItem, { kind: 'event' }>;
const eventsOf = (frames: ServerFrame[]): EventItem[] =>
  frames.flatMap((f) => (f.type === 'item' && f.item.kind === 'event' ? [f.item] : []));

let desk: TestDesk;
let wsUrl: string;
let general: string;

beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const [row] = await desk.services.db.select().from(categories).where(eq(categories.code, 'general'));
  general = row!.id;
});
afterAll(async () => {
  await desk?.close();
});

async function openChat(uid: string) {
  const c = await desk.customer(uid);
  const token = c.headers.authorization.slice('Bearer '.length);
  const client = await connectChat(wsUrl, { token });
  client.send({ type: 'start', categoryId: general, lang: 'zh-CN' });
  const { ticketId } = (await client.waitFor((f) => f.type === 'chat')) as { ticketId: string };
  return { client, token, ticketId, headers: c.headers };
}

const rate = (ticketId: string, headers: Record<string, string>, score: number) =>
  desk.app.inject({
    method: 'PUT',
    url: `/api/v1/me/tickets/${ticketId}/rating`,
    headers,
    payload: { score, comment: '谢谢' },
  });

describe('rating a chat in the chat', () => {
  it('asks for a rating once the agent ends the chat; the rating and the request replay on resume', async () => {
    const auth = await desk.signIn('maya');
    const agent = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId);
    const { client, token, ticketId, headers } = await openChat('rate-chat-1');
    client.send({ type: 'handoff', ticketId });
    await client.waitFor((f) => f.type === 'chat' && f.state === 'assigned');
    expect(eventsOf(client.frames).some((e) => e.event === 'csat_request')).toBe(false);
    // Not ended yet: nothing to rate.
    expect((await rate(ticketId, headers, 5)).json().error.code).toBe('csat_not_ready');

    agent.send({ type: 'end', ticketId });
    const request = await client.waitFor(
      (f) => f.type === 'item' && f.item.kind === 'event' && f.item.event === 'csat_request',
    );
    const ended = eventsOf(client.frames).find((e) => e.event === 'chat_state' && e.to === 'ended');
    expect(ended).toBeDefined();
    const requestItem = (request as { item: EventItem }).item;
    expect(requestItem.seq).toBeGreaterThan(ended!.seq);
    expect(requestItem.to).toEqual({ changeableDays: 7 });
    // The ticket is solved by then, so rating at once works.
    const first = await rate(ticketId, headers, 4);
    expect(first.statusCode).toBe(200);
    await client.waitFor(
      (f) =>
        f.type === 'item' && f.item.kind === 'event' && f.item.event === 'csat_rating' && f.item.to === 4,
    );
    expect((await rate(ticketId, headers, 5)).statusCode).toBe(200);
    const changed = await client.waitFor(
      (f) =>
        f.type === 'item' && f.item.kind === 'event' && f.item.event === 'csat_rating' && f.item.to === 5,
    );
    expect((changed as { item: EventItem }).item.from).toBe(4);
    // The agent sees the rating in the chat's timeline too (following the ended chat again).
    agent.send({ type: 'resume', ticketId, lastSeq: 0 });
    await agent.waitFor(
      (f) =>
        f.type === 'item' && f.item.kind === 'event' && f.item.event === 'csat_rating' && f.item.to === 5,
    );

    // A device coming back replays the request and the rating from the database.
    const back = await connectChat(wsUrl, { token });
    back.send({ type: 'resume', ticketId, lastSeq: 0 });
    await back.waitFor((f) => f.type === 'chat' && f.state === 'ended');
    const replayed = eventsOf(back.frames).filter((e) => e.event.startsWith('csat_'));
    expect(replayed.map((e) => [e.event, e.to])).toEqual([
      ['csat_request', { changeableDays: 7 }],
      ['csat_rating', 4],
      ['csat_rating', 5],
    ]);
    await Promise.all([client.close(), back.close(), agent.close()]);
  });

  it('asks once when the customer ends the chat with the bot, and never twice', async () => {
    const { client, ticketId, headers } = await openChat('rate-chat-2');
    client.send({ type: 'end', ticketId });
    await client.waitFor(
      (f) => f.type === 'item' && f.item.kind === 'event' && f.item.event === 'csat_request',
    );
    client.send({ type: 'end', ticketId });
    // The in-app inbox says the chat ended and asks for the rating too.
    const inbox = async () => {
      const res = await desk.app.inject({ method: 'GET', url: '/api/v1/me/inbox', headers });
      return (res.json().items as Array<Record<string, unknown>>).find((i) => i.ticketId === ticketId);
    };
    const notice = await eventually(inbox);
    expect(notice).toMatchObject({ kind: 'solved', channel: 'chat', rating: { state: 'open', score: null } });
    expect(notice!.title).toMatch(/^在线咨询 KF-\d+ 已结束/);
    expect((await rate(ticketId, headers, 2)).statusCode).toBe(200);
    expect((await inbox())!.rating).toMatchObject({ state: 'rated', score: 2 });
    await eventually(async () => eventsOf(client.frames).some((e) => e.event === 'csat_rating'));
    const asked = await desk.services.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, 'csat_request')));
    expect(asked).toHaveLength(1);
    await client.close();
  });
});
