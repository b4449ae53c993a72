import type { Socket } from 'node:net';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { createTestDesk, eventually, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { messages, ticketEvents } from '../tickets/schema.ts';
import { chatSessions } from './schema.ts';
import { type ChatClient, connectChat } from './test-client.ts';

/**
 * Overload (issue #15, point 6): a starved server still answers heartbeats, an agent's slow or
 * briefly gone socket does not requeue their chats, and admission control turns new customers
 * away with the wait while existing conversations go on.
 */
let desk: TestDesk;
let wsUrl: string;
let category: Record<string, { id: string; teamId: string }>;

beforeAll(async () => {
  desk = await createTestDesk({
    ...RELAXED_PACE,
    PUBLIC_URL: 'http://desk.test',
    CHAT_AGENT_GRACE_SECONDS: '1',
    CHAT_AGENT_REQUEUE_SECONDS: '4',
    CHAT_REQUEUE_PER_SWEEP: '1',
    CHAT_QUEUE_LIMIT: '2',
    CHAT_MAX_SOCKETS: '12',
    // Far above what a loaded test machine shows (two suites on two cores), far below a starved loop's.
    CHAT_ADMIT_MAX_LAG_MS: '1000',
  });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const rows = await desk.services.db.select().from(categories);
  category = Object.fromEntries(rows.map((r) => [r.code, { id: r.id, teamId: r.teamId! }]));
  // The first chat of a process loads the secret screen's models and the help search's
  // dictionaries: over a second of work that holds the loop, which the load monitor rightly counts
  // as lag (two such windows in a row close admission for 5 s). The overload below is the one each
  // test makes; that one-time start is let pass first, and the monitor's hold run out.
  const warm = await customer('ov-warm');
  const ticketId = await startChat(warm, 'general', false);
  await warm.waitFor((f) => f.type === 'item' && f.item.kind === 'message' && f.item.authorType === 'bot');
  warm.send({
    type: 'send',
    ticketId,
    clientId: 'warm-1',
    body: 'how long does a withdrawal take? 提现要多久',
  });
  await warm.waitFor((f) => f.type === 'ack' && f.clientId === 'warm-1');
  await warm.waitFor((f) => f.type === 'item' && f.item.kind === 'message' && f.item.seq > 5);
  await warm.close();
  await new Promise((r) => setTimeout(r, 6_000));
}, 120_000);
afterAll(async () => {
  await desk?.close();
});

async function customer(uid: string) {
  const c = await desk.customer(uid);
  return connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
}

async function agent(who: 'chen' | 'maya' | 'lin' | 'supervisor', capacity: number) {
  const auth = await desk.signIn(who);
  await desk.services.db.update(agents).set({ chatCapacity: capacity }).where(eq(agents.id, auth.agentId));
  const client = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
  client.send({ type: 'presence', status: 'online' });
  await client.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId && f.status === 'online');
  return { client, auth };
}

async function startChat(c: ChatClient, code: string, handoff = true) {
  c.send({ type: 'start', categoryId: category[code]!.id, lang: 'en' });
  const { ticketId } = (await c.waitFor((f) => f.type === 'chat')) as { ticketId: string };
  if (handoff) c.send({ type: 'handoff', ticketId });
  return ticketId;
}

/**
 * Blocks this process's event loop in slices, as a CPU hog on a starved machine would, for `ms`
 * or, given a condition, for as long as it holds.
 */
function starve(ms: number | (() => boolean), slice = 60, gap = 10) {
  const end = typeof ms === 'number' ? Date.now() + ms : Number.POSITIVE_INFINITY;
  const going = typeof ms === 'number' ? () => Date.now() < end : ms;
  return new Promise<void>((resolve) => {
    const burn = () => {
      const until = Math.min(end, Date.now() + slice);
      while (Date.now() < until) {
        // busy: nothing else on this loop runs meanwhile
      }
      if (!going()) return resolve();
      setTimeout(burn, gap);
    };
    burn();
  });
}

describe('live chat under overload', () => {
  it('answers a ping ahead of the sends its socket has queued, even on a starved loop', async () => {
    const c = await customer('ov-ping');
    const ticketId = await startChat(c, 'general', false);
    await c.waitFor((f) => f.type === 'item' && f.item.kind === 'message' && f.item.authorType === 'bot');
    // The socket's allowance is a burst of 20 refilled at 10 a second, and "start" took one: when the
    // bot answered within 100 ms the 20th send below was refused as rate-limited and never acked
    // (the flake seen in CI). A quarter second gives the token back.
    await new Promise((r) => setTimeout(r, 250));
    const starving = starve(3_000);
    // The 20 sends and the ping leave in one write, so the server reads them together and the sends
    // are queued on the socket when the ping is read. Written one by one they could reach the server
    // in two reads, and on PGlite (in this process, its queries settle in microtasks) the sends of
    // the first read were stored and acked before the second read, ping and all, was even looked at:
    // 13 of 20 acks before the pong, once in CI, with nothing queued when the ping came.
    const socket = (c.ws as unknown as { _socket: Socket })._socket;
    socket.cork();
    // 20 messages queue behind each other on this socket (stored one by one, in order) ...
    for (let i = 0; i < 20; i++) c.send({ type: 'send', ticketId, clientId: `p-${i}`, body: `message ${i}` });
    // ... and a heartbeat sent after them comes back before most of them are stored.
    const pingAt = Date.now();
    c.send({ type: 'ping' });
    socket.uncork();
    const pong = (await c.waitFor((f) => f.type === 'pong', 60_000)) as { serverTime: string };
    const lastAck = (await c.waitFor((f) => f.type === 'ack' && f.clientId === 'p-19', 60_000)) as {
      serverTime: string;
    };
    await starving;
    // When the server answered (its clock is ours: same machine), not when this starved client read it.
    const pongMs = Date.parse(pong.serverTime) - pingAt;
    const lastAckMs = Date.parse(lastAck.serverTime) - pingAt;
    // The server's stream: the pong comes before the acks of the sends queued ahead of the ping
    // (this client shares the starved loop, so it may read them all in one go).
    const pongAt = c.frames.findIndex((f) => f.type === 'pong');
    const acks = c.frames.flatMap((f, i) => (f.type === 'ack' ? [i] : []));
    const acksBeforePong = acks.filter((i) => i < pongAt).length;
    expect(acks).toHaveLength(20);
    expect(acksBeforePong).toBeLessThan(5);
    expect(pongMs).toBeLessThan(lastAckMs);
    // Answered before the first of the queued sends was even acked. (No bound in seconds here:
    // the test shares two cores with the rest of the suite; bench/chat/overload.ts measures that.)
    const firstAck = c.frames.find((f) => f.type === 'ack') as { serverTime: string };
    expect(Date.parse(pong.serverTime)).toBeLessThanOrEqual(Date.parse(firstAck.serverTime));
    console.log(
      `ping under load: pong after ${pongMs} ms, ${acksBeforePong}/20 acks before it, last ack after ${lastAckMs} ms`,
    );
    await c.close();
  }, 120_000);

  it("keeps an agent's chats through a slow socket and a gone socket while they still work over HTTP; then requeues a bounded number per sweep, telling the customers", async () => {
    const db = desk.services.db;
    const chen = await agent('chen', 3); // account and security
    const held: Array<{ c: ChatClient; ticketId: string }> = [];
    for (let i = 0; i < 3; i++) {
      const c = await customer(`ov-held-${i}`);
      const ticketId = await startChat(c, 'account');
      await c.waitFor((f) => f.type === 'chat' && f.state === 'assigned');
      held.push({ c, ticketId });
    }
    const state = async () =>
      (await db.select().from(chatSessions).where(eq(chatSessions.agentId, chen.auth.agentId))).filter(
        (r) => r.state === 'assigned',
      ).length;

    // 1. A slow socket: Chen's browser stops reading (the server's sends pile up) for longer than
    //    the requeue window (4 s). The socket is still there: her chats stay hers.
    const raw = (chen.client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    await new Promise((r) => setTimeout(r, 5_500));
    expect(await state()).toBe(3);
    raw.resume();

    // 2. The socket is gone, but she keeps working in the workspace over HTTP.
    chen.client.ws.terminate();
    const polling = setInterval(() => {
      void desk.app.inject({ method: 'GET', url: '/api/v1/chat/queues', headers: chen.auth.read });
    }, 400);
    await new Promise((r) => setTimeout(r, 5_500));
    clearInterval(polling);
    expect(await state()).toBe(3);

    // 3. Silence from every socket and request past the window: the chats go back, one per sweep.
    await eventually(async () => (await state()) === 0, 20_000);
    const requeues = await db
      .select({ createdAt: ticketEvents.createdAt })
      .from(ticketEvents)
      .where(
        and(
          eq(ticketEvents.kind, 'chat_state'),
          eq(ticketEvents.fromValue, 'assigned'),
          eq(ticketEvents.toValue, 'queued'),
        ),
      );
    const times = requeues.map((r) => r.createdAt.getTime()).sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    // One per sweep (CHAT_REQUEUE_PER_SWEEP=1, a sweep every 500 ms): never all at once.
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(700);
    // Each customer is told, in words, why they wait again.
    for (const h of held) {
      const notice = await h.c.waitFor(
        (f) =>
          f.type === 'item' &&
          f.item.kind === 'message' &&
          f.item.clientId?.startsWith('~requeued-') === true,
      );
      expect((notice as { item: { body: string } }).item.body).toContain('lost their connection');
    }
    const notices = await db.select().from(messages).where(like(messages.clientId, '~requeued-%'));
    expect(notices).toHaveLength(3);
    for (const h of held) await h.c.close();
  }, 60_000);

  it('tells a new customer the wait when the queue is full while the queued ones keep talking; refuses sockets over the cap', async () => {
    const maya = await agent('maya', 0); // trading and general: on shift but full
    const waiting: Array<{ c: ChatClient; ticketId: string }> = [];
    for (let i = 0; i < 2; i++) {
      const c = await customer(`ov-queue-${i}`);
      const ticketId = await startChat(c, 'trading');
      await c.waitFor((f) => f.type === 'chat' && f.state === 'queued');
      waiting.push({ c, ticketId });
    }
    // The third is told the wait and offered to leave a message; their chat stays with the bot.
    const late = await customer('ov-queue-late');
    const lateTicket = await startChat(late, 'trading');
    const busy = await late.waitFor((f) => f.type === 'busy');
    expect(busy).toMatchObject({ reason: 'queue_full', queueLength: 2, ticketId: lateTicket });
    expect((busy as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    // Those already waiting are not slowed or dropped: they write and are acked.
    for (const [i, w] of waiting.entries()) {
      w.c.send({ type: 'send', ticketId: w.ticketId, clientId: `q-${i}`, body: 'still here' });
      await w.c.waitFor((f) => f.type === 'ack' && f.clientId === `q-${i}`);
    }
    // The late customer chooses to leave a message: told once, nothing lost.
    late.send({ type: 'leave_message', ticketId: lateTicket });
    await late.waitFor((f) => f.type === 'chat' && f.state === 'offline');
    late.send({ type: 'send', ticketId: lateTicket, clientId: 'late-1', body: 'my order 42 is stuck' });
    await late.waitFor((f) => f.type === 'ack' && f.clientId === 'late-1');

    // Sockets over the node's cap (12) are refused with a retry hint and close code 1013.
    const extra: WebSocket[] = [];
    let refused: { frame: ServerFrame; code: number } | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      const ws = new WebSocket(wsUrl);
      const first = await new Promise<{ frame: ServerFrame | null; code: number }>((resolve) => {
        let frame: ServerFrame | null = null;
        ws.once('message', (data) => {
          frame = JSON.parse(String(data)) as ServerFrame;
        });
        ws.once('close', (code) => resolve({ frame, code }));
        // An admitted socket waits for its auth frame: nothing comes within 300 ms. A refused one
        // has its close on the way once its frame is here (a loaded machine may take a while).
        const settle = (waited: number) => {
          if (frame === null || waited >= 10_000) resolve({ frame, code: 0 });
          else setTimeout(() => settle(waited + 100), 100);
        };
        setTimeout(() => settle(300), 300);
      });
      if (first.frame?.type === 'unavailable') refused = { frame: first.frame, code: first.code };
      else extra.push(ws);
    }
    expect(refused?.frame).toMatchObject({ type: 'unavailable', reason: 'overloaded' });
    expect(refused?.code).toBe(1013);
    for (const ws of extra) ws.terminate();

    const metrics = await desk.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/kefu_chat_shed_total\{what="handoff_queue_full"\} 1/);
    expect(metrics.body).toMatch(/kefu_chat_shed_total\{what="socket"\} [1-9]/);
    expect(metrics.body).toMatch(/kefu_chat_leave_message_total\{reason="busy"\} 1/);
    for (const w of waiting) await w.c.close();
    await Promise.all([late.close(), maya.client.close()]);
  }, 60_000);

  it('admits no new handoff while the event loop is starved, and admits again once it recovers', async () => {
    const lin = await agent('lin', 5); // deposits and withdrawals
    const c = await customer('ov-lag');
    const ticketId = await startChat(c, 'deposit_withdrawal', false);
    // The loop is starved (1.5 s slices: every window's mean lag far above the 1 s limit) until the
    // customer has been told; the test waits on the node's own verdict, not on a guess of how many
    // windows have passed (450 ms slices after a fixed 3 s lost that race in CI).
    const node = desk.app.chatNode;
    let starving = true;
    const starved = starve(() => starving, 1_500, 5);
    await eventually(async () => node.overloaded() === 'lag', 30_000);
    c.send({ type: 'handoff', ticketId });
    const busy = await c
      .waitFor((f) => f.type === 'busy', 30_000)
      .finally(() => {
        starving = false;
      });
    expect(busy).toMatchObject({ reason: 'overloaded' });
    await starved;
    // The hold (5 s after the last late window) passes; asking again reaches a person.
    await eventually(async () => node.overloaded() === null, 60_000);
    c.send({ type: 'handoff', ticketId });
    await c.waitFor((f) => f.type === 'chat' && f.state === 'assigned', 30_000);
    await Promise.all([c.close(), lin.client.close()]);
  }, 150_000);
});
