import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { groupCommit } from '../db/group-commit.ts';
import { categories } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { agentNotifications } from '../notifications/agent-schema.ts';
import { customerRestrictions } from '../safety/schema.ts';
import { ticketSlaTargets } from '../sla/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { messages, ticketEvents, tickets } from '../tickets/schema.ts';
import { type ChatClient, connectChat } from './test-client.ts';

describe('group commit (unit)', () => {
  it('writes at once when idle, gathers what arrives meanwhile, never runs one key twice at a time', async () => {
    const batches: string[][] = [];
    const running = new Set<string>();
    let overlap = false;
    const commit = groupCommit<string, string>({
      keyOf: (item) => item.split(':')[0]!,
      maxBatch: 3,
      maxInFlight: 1,
      async run(batch) {
        for (const item of batch) {
          if (running.has(item.split(':')[0]!)) overlap = true;
          running.add(item.split(':')[0]!);
        }
        batches.push(batch);
        await new Promise((r) => setTimeout(r, 20));
        for (const item of batch) running.delete(item.split(':')[0]!);
        return batch.map((item) => (item === 'bad:1' ? new Error('refused') : `ok ${item}`));
      },
    });
    const first = commit.submit('a:1');
    const rest = ['a:2', 'b:1', 'bad:1', 'c:1', 'd:1'].map((item) => commit.submit(item));
    expect(await first).toBe('ok a:1');
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'rejected'))).toEqual([
      'ok a:2',
      'ok b:1',
      'rejected',
      'ok c:1',
      'ok d:1',
    ]);
    // Alone first; then at most three per batch, 'a:2' only after 'a:1' is done.
    expect(batches[0]).toEqual(['a:1']);
    expect(batches.slice(1).every((b) => b.length <= 3)).toBe(true);
    expect(batches.flat().sort()).toEqual(['a:1', 'a:2', 'b:1', 'bad:1', 'c:1', 'd:1']);
    expect(batches.find((b) => b.includes('a:2'))).not.toContain('a:1');
    expect(overlap).toBe(false);
  });
});

let desk: TestDesk;
let wsUrl: string;
beforeAll(async () => {
  desk = await createTestDesk({
    PUBLIC_URL: 'http://desk.test',
    CUSTOMER_MESSAGES_PER_10S: '1000',
    CUSTOMER_MESSAGES_PER_10MIN: '10000',
  });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
});
afterAll(async () => {
  await desk?.close();
});

const acked = (c: ChatClient, clientId: string) =>
  c.waitFor((f) => f.type === 'ack' && f.clientId === clientId, 30_000) as Promise<
    Extract<ServerFrame, { type: 'ack' }>
  >;

describe('customers writing at the same moment', () => {
  it('are stored together, each message in order with its seq, notices and SLA clocks as one by one', async () => {
    const { db } = desk.services;
    const auth = await desk.signIn('chen');
    await db.update(agents).set({ chatCapacity: 100 }).where(eq(agents.id, auth.agentId));
    const agent = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId);
    const [account] = (await db.select().from(categories)).filter((r) => r.code === 'account');

    const N = 10;
    const people = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const c = await desk.customer(`group-${i}`);
        const client = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
        client.send({ type: 'start', categoryId: account!.id, lang: 'en' });
        const chat = (await client.waitFor((f) => f.type === 'chat')) as Extract<
          ServerFrame,
          { type: 'chat' }
        >;
        client.send({ type: 'handoff', ticketId: chat.ticketId });
        await agent.waitFor((f) => f.type === 'assigned' && f.ticketId === chat.ticketId, 30_000);
        return { client, ticketId: chat.ticketId, customerId: c.customerId };
      }),
    );
    // One customer is muted meanwhile: only their message is refused, the group goes on.
    const muted = people[N - 1]!;
    await db
      .insert(customerRestrictions)
      .values({ customerId: muted.customerId, kind: 'blocked', reason: 'test' });

    // Everyone sends three messages at once (a socket's frames are handled in order).
    for (const p of people) {
      for (let k = 1; k <= 3; k++)
        p.client.send({ type: 'send', ticketId: p.ticketId, clientId: `m${k}`, body: `text ${k}` });
    }
    const refused = await muted.client.waitFor((f) => f.type === 'error' && f.ref === 'm1');
    expect(refused).toMatchObject({ code: 'customer_blocked' });
    const writers = people.slice(0, N - 1);
    for (const p of writers) {
      const acks = [await acked(p.client, 'm1'), await acked(p.client, 'm2'), await acked(p.client, 'm3')];
      expect(acks.map((a) => a.duplicate)).toEqual([false, false, false]);
      expect(acks[1]!.seq).toBeGreaterThan(acks[0]!.seq);
      expect(acks[2]!.seq).toBeGreaterThan(acks[1]!.seq);
      // The agent gets each message once, in order.
      for (const k of [1, 2, 3]) {
        await agent.waitFor(
          (f) =>
            f.type === 'item' &&
            f.ticketId === p.ticketId &&
            f.item.kind === 'message' &&
            f.item.clientId === `m${k}`,
          30_000,
        );
      }
      const seen = agent.frames
        .filter((f) => f.type === 'item' && f.ticketId === p.ticketId && f.item.kind === 'message')
        .map((f) => (f as Extract<ServerFrame, { type: 'item' }>).item)
        .filter(
          (item) => item.kind === 'message' && item.authorType === 'customer' && item.clientId !== null,
        );
      expect(seen.map((item) => (item.kind === 'message' ? item.clientId : ''))).toEqual(['m1', 'm2', 'm3']);
      // The timeline has no hole: every seq up to the ticket's last is a message or an event.
      const [t] = await db
        .select({ lastSeq: tickets.lastSeq })
        .from(tickets)
        .where(eq(tickets.id, p.ticketId));
      const seqs = [
        ...(await db.select({ seq: messages.seq }).from(messages).where(eq(messages.ticketId, p.ticketId))),
        ...(await db
          .select({ seq: ticketEvents.seq })
          .from(ticketEvents)
          .where(eq(ticketEvents.ticketId, p.ticketId))),
      ]
        .map((r) => r.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: t!.lastSeq }, (_, i) => i + 1));
    }
    // The assignee heard about every customer message, as with one-by-one writes.
    const notices = await db
      .select({ ticketId: agentNotifications.ticketId })
      .from(agentNotifications)
      .where(
        and(
          eq(agentNotifications.agentId, auth.agentId),
          eq(agentNotifications.kind, 'customer_reply'),
          inArray(
            agentNotifications.ticketId,
            writers.map((p) => p.ticketId),
          ),
        ),
      );
    expect(notices.length).toBe(writers.length * 3);

    // A resend (the client's outbox after a reconnect) gets its stored message back.
    const first = writers[0]!;
    const original = agent.frames.find(
      (f) =>
        f.type === 'item' &&
        f.ticketId === first.ticketId &&
        f.item.kind === 'message' &&
        f.item.clientId === 'm2',
    ) as Extract<ServerFrame, { type: 'item' }>;
    first.client.send({ type: 'send', ticketId: first.ticketId, clientId: 'm2', body: 'text 2' });
    const again = await first.client.waitFor(
      (f) => f.type === 'ack' && f.clientId === 'm2' && f.duplicate === true,
      30_000,
    );
    expect(again).toMatchObject({ seq: original.item.seq });

    // SLA: no staff reply yet, so no "next response" clock; the agent answers, the customer writes
    // again (with others writing at the same moment): that message starts the next-response clock.
    const nextResponse = async (ticketId: string) =>
      db
        .select()
        .from(ticketSlaTargets)
        .where(and(eq(ticketSlaTargets.ticketId, ticketId), eq(ticketSlaTargets.metric, 'next_response')));
    expect(await nextResponse(first.ticketId)).toHaveLength(0);
    agent.send({ type: 'send', ticketId: first.ticketId, clientId: 'a1', body: 'How can I help?' });
    await agent.waitFor((f) => f.type === 'ack' && f.clientId === 'a1');
    for (const p of writers)
      p.client.send({ type: 'send', ticketId: p.ticketId, clientId: 'm4', body: 'and now?' });
    await Promise.all(writers.map((p) => acked(p.client, 'm4')));
    const [clock] = await nextResponse(first.ticketId);
    const [m4] = await db
      .select({ createdAt: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.ticketId, first.ticketId), eq(messages.clientId, 'm4')))
      .orderBy(asc(messages.seq));
    expect(clock?.state).toBe('running');
    expect(clock?.startedAt.getTime()).toBe(m4!.createdAt.getTime());
    expect(await nextResponse(writers[1]!.ticketId)).toHaveLength(0);

    for (const p of people) await p.client.close();
    await agent.close();
  });
});
