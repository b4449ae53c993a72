import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../db/client.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, openTestDatabase, type TestDesk } from '../testing/harness.ts';
import { messages } from '../tickets/schema.ts';
import { connectChat } from './test-client.ts';

const DB_URL = process.env.KEFU_TEST_DATABASE_URL;
if (!DB_URL) console.log('chat outage test skipped: set KEFU_TEST_DATABASE_URL to run it');

/** A TCP proxy in front of PostgreSQL that can be cut (every connection dropped, new ones refused). */
async function cuttableProxy(target: URL) {
  const open = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) return client.destroy();
    const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      cut = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

describe.skipIf(!DB_URL)('live chat while PostgreSQL is away', () => {
  let desk: TestDesk | undefined;
  let pool: Database | undefined;
  let cleanup = async () => {};
  afterAll(async () => {
    await desk?.close().catch(() => {});
    await pool?.close().catch(() => {});
    await cleanup();
  });

  it('tells the client "unavailable" with a retry hint, and the same message sent again is stored once', async () => {
    const shared = await openTestDatabase();
    if (shared.database.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const url = new URL(shared.database.url);
    const proxy = await cuttableProxy(url);
    cleanup = async () => {
      await proxy.close();
      await shared.database.close();
      await shared.drop();
    };
    const viaProxy = new URL(url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    pool = await openPostgres(viaProxy.toString(), 4);
    desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' }, { database: pool });
    const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
    const wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
    const [general] = await desk.services.db.select().from(categories).where(eq(categories.code, 'general'));
    const session = await desk.customer('outage-1');
    const client = await connectChat(wsUrl, { token: session.headers.authorization.slice(7) });
    client.send({ type: 'start', categoryId: general!.id, lang: 'en' });
    const { ticketId } = (await client.waitFor((f) => f.type === 'chat')) as { ticketId: string };

    proxy.cut();
    client.send({ type: 'send', ticketId, clientId: 'o-1', body: 'is my deposit lost?' });
    const told = await client.waitFor(
      (f) => f.type === 'unavailable' || (f.type === 'error' && f.ref === 'o-1'),
    );
    expect(told).toMatchObject({ type: 'unavailable', reason: 'dependency', ref: 'o-1' });
    expect((told as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    // The socket stays open: nothing to reconnect, only to send again.
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    proxy.restore();
    // As the web clients do after the hint: the unacked message again, same clientId, until acked.
    let ack: unknown;
    for (let i = 0; i < 20 && !ack; i++) {
      client.send({ type: 'send', ticketId, clientId: 'o-1', body: 'is my deposit lost?' });
      ack = await client
        .waitFor((f) => f.type === 'ack' && f.clientId === 'o-1', 1_000)
        .catch(() => undefined);
    }
    expect(ack).toMatchObject({ type: 'ack', clientId: 'o-1' });
    const stored = await desk.services.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.ticketId, ticketId), eq(messages.clientId, 'o-1')));
    expect(stored).toHaveLength(1);
    const metrics = await desk.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/kefu_chat_unavailable_total [1-9]/);
    await client.close();
  }, 60_000);
});
