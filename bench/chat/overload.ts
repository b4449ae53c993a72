/**
 * The starved-machine scenario of issue #15 point 6, bounded (not a test): one Kefu node on
 * PostgreSQL whose event loop is starved by a CPU hog in its own process (bench/chat/starve.ts),
 * N customers in chats handed to people and two agents of the team, each customer writing every
 * few seconds. Reports sockets opened per client, chats requeued and chats turned into
 * leave-a-message, and messages sent but never acked.
 *   npm run bench:overload -- --clients after  --customers 200 --seconds 90
 *   npm run bench:overload -- --clients before --server /tmp/kefu-before --customers 200 --seconds 90
 * `--clients before` behaves as the web clients did before (ping every 15 s, a socket dropped
 * when a pong is 8 s late, back-off 0.5 s doubling to 15 s with ±25 % jitter; agents: no ping,
 * 0.5 s doubling to 8 s, no jitter); `after` uses shared/kept-socket.ts as both web clients do now.
 * `--server` runs the node from another checkout (e.g. `git archive` of an older commit with this
 * node_modules linked in). Loopback only; figures to stdout (docs/reliability.md keeps them).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import type { ServerFrame } from '../../shared/chat-protocol.ts';
import { KeptSocket, type SocketLike } from '../../shared/kept-socket.ts';
import { customerTokens, JWT_SECRET, prepareDesk, signInAgent } from './desk.ts';
import { sleep } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '90' },
    clients: { type: 'string', default: 'after' },
    server: { type: 'string', default: resolve(import.meta.dirname, '../..') },
    slice: { type: 'string', default: '300' },
    period: { type: 'string', default: '400' },
  },
});
const N = Number(args.customers);
const SECONDS = Number(args.seconds);
const BEFORE = args.clients === 'before';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What a bench client does with its link; both policies below drive it. */
interface Link {
  send(frame: object): boolean;
  close(): void;
  opened(): number;
}

/** The clients as they were: a hard 8-s pong timeout and bunched back-off. */
function oldLink(
  url: string,
  headers: Record<string, string>,
  agent: boolean,
  onOpen: (send: (f: object) => void) => void,
  onFrame: (f: ServerFrame) => void,
): Link {
  let ws: WebSocket | null = null;
  let attempt = 0;
  let opened = 0;
  let closed = false;
  let pinger: NodeJS.Timeout | null = null;
  let pongDue: NodeJS.Timeout | null = null;
  const connect = () => {
    if (closed) return;
    const socket = new WebSocket(url, { headers });
    ws = socket;
    opened++;
    socket.on('open', () => {
      onOpen((f) => socket.send(JSON.stringify(f)));
      if (!agent)
        pinger = setInterval(() => {
          if (socket.readyState === socket.OPEN) socket.send('{"type":"ping"}');
          pongDue ??= setTimeout(() => socket.close(), 8_000);
        }, 15_000);
    });
    socket.on('message', (data) => {
      const f = JSON.parse(String(data)) as ServerFrame;
      if (f.type === 'welcome') attempt = 0;
      if (f.type === 'pong' && pongDue) {
        clearTimeout(pongDue);
        pongDue = null;
      }
      onFrame(f);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (ws !== socket) return;
      ws = null;
      if (pinger) clearInterval(pinger);
      if (pongDue) clearTimeout(pongDue);
      pinger = pongDue = null;
      const base = agent ? Math.min(8_000, 500 * 2 ** attempt) : Math.min(15_000, 500 * 2 ** attempt);
      const delay = agent ? base : base / 2 + Math.random() * (base / 2);
      attempt++;
      setTimeout(connect, delay);
    });
  };
  connect();
  return {
    send(f) {
      if (ws?.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(f));
      return true;
    },
    close() {
      closed = true;
      ws?.terminate();
    },
    opened: () => opened,
  };
}

function keptLink(
  url: string,
  headers: Record<string, string>,
  onOpen: (send: (f: object) => void) => void,
  onFrame: (f: ServerFrame) => void,
): Link {
  let kept: KeptSocket;
  kept = new KeptSocket({
    url: () => url,
    open: (u) => new WebSocket(u, { headers }) as unknown as SocketLike,
    onOpen: (send) => onOpen((f) => send(JSON.stringify(f))),
    onFrame: (f) => {
      const frame = f as ServerFrame;
      if (frame.type === 'welcome') kept.welcomed();
      if (frame.type === 'unavailable' && !frame.ref) kept.retryAfter(frame.retryAfterMs);
      onFrame(frame);
    },
  });
  return { send: (f) => kept.send(JSON.stringify(f)), close: () => kept.close(), opened: () => kept.opened };
}

const link = (
  url: string,
  headers: Record<string, string>,
  agent: boolean,
  onOpen: (send: (f: object) => void) => void,
  onFrame: (f: ServerFrame) => void,
) => (BEFORE ? oldLink(url, headers, agent, onOpen, onFrame) : keptLink(url, headers, onOpen, onFrame));

function startNode(env: Record<string, string>): Promise<{ child: ChildProcess; address: string }> {
  const child = fork(join(args.server!, 'bench/chat/node.ts'), [], {
    execArgv: ['--import', join(import.meta.dirname, 'starve.ts')],
    cwd: args.server!,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { address: string }) => resolve({ child, address: m.address }));
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
}

async function main() {
  const dbName = `kefu_overload_${process.pid}`;
  const admin = new pg.Pool({ connectionString: ADMIN_URL, max: 1 });
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'kefu-overload-'));
  const { child, address } = await startNode({
    DATABASE_URL: dbUrl.toString(),
    DATA_DIR: dataDir,
    APP_SECRET: 'bench-app-secret-bench-app-secret-0123456789',
    CUSTOMER_JWT_SECRET: JWT_SECRET,
    SEED_DEMO: 'true',
    CUSTOMER_MESSAGES_PER_10S: '10000',
    CUSTOMER_MESSAGES_PER_10MIN: '100000',
    BENCH_STARVE_SLICE_MS: args.slice!,
    BENCH_STARVE_PERIOD_MS: args.period!,
  });
  const db = new pg.Pool({ connectionString: dbUrl.toString(), max: 2 });
  const links: Link[] = [];
  try {
    const wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
    const category = await prepareDesk(db, N);
    const agentIds: string[] = [];
    for (const who of ['chen', 'supervisor'] as const) {
      const { cookie, agentId } = await signInAgent(address, who);
      agentIds.push(agentId);
      const l = link(
        wsUrl,
        { cookie },
        true,
        () => {},
        (f) => {
          if (f.type === 'welcome') l.send({ type: 'presence', status: 'online' });
        },
      );
      links.push(l);
    }
    await sleep(1_000);
    const tokens = await customerTokens(address, N, 'overload');

    // Each customer: start (or resume) its chat, hand off, write every 3–5 s; unacked messages resent
    // after every welcome, as the page's outbox does.
    const sent = new Set<string>();
    const acked = new Set<string>();
    const customers = tokens.map((token, i) => {
      const me = { ticketId: '', lastSeq: 0, pending: new Map<string, string>(), link: null as Link | null };
      me.link = link(
        wsUrl,
        {},
        false,
        (send) => send({ type: 'auth', token }),
        (f) => {
          const l = me.link!;
          if (f.type === 'welcome') {
            if (me.ticketId) l.send({ type: 'resume', ticketId: me.ticketId, lastSeq: me.lastSeq });
            else l.send({ type: 'start', categoryId: category, lang: 'en' });
          } else if (f.type === 'chat') {
            if (!me.ticketId) {
              me.ticketId = f.ticketId;
              l.send({ type: 'handoff', ticketId: f.ticketId });
            }
            for (const [clientId, body] of me.pending)
              l.send({ type: 'send', ticketId: me.ticketId, clientId, body });
          } else if (f.type === 'item' && f.ticketId === me.ticketId) {
            me.lastSeq = Math.max(me.lastSeq, f.item.seq);
          } else if (f.type === 'ack') {
            me.pending.delete(f.clientId);
            acked.add(f.clientId);
          }
        },
      );
      links.push(me.link);
      return { i, me };
    });
    const began = Date.now();
    const requeuesBefore = await count(db, 'assigned', 'queued');
    child.send({ kind: 'starve' });
    const uptimeAtStart = loadavg()[0]!;
    let n = 0;
    const writers = customers.map(async ({ i, me }) => {
      await sleep(Math.random() * 4_000);
      while (Date.now() - began < SECONDS * 1000) {
        if (me.ticketId) {
          const clientId = `m${i}-${n++}`;
          me.pending.set(clientId, `message ${clientId}`);
          sent.add(clientId);
          me.link!.send({ type: 'send', ticketId: me.ticketId, clientId, body: `message ${clientId}` });
        }
        await sleep(3_000 + Math.random() * 2_000);
      }
    });
    await Promise.all(writers);
    child.send({ kind: 'unstarve' });
    // Settle: every unacked message is resent by its client until acked (or 60 s pass).
    const settleBy = Date.now() + 60_000;
    while (Date.now() < settleBy && [...sent].some((c) => !acked.has(c))) await sleep(500);
    const opened = customers.map((c) => c.me.link!.opened());
    const agentOpened = links.slice(0, 2).map((l) => l.opened());
    const requeues = (await count(db, 'assigned', 'queued')) - requeuesBefore;
    const leaveMessage = await count(db, null, 'offline');
    const assignedToAgents = (
      await db.query(
        `select count(*)::int as n from chat_sessions where state = 'assigned' and agent_id = any($1)`,
        [agentIds],
      )
    ).rows[0].n as number;
    const lost = [...sent].filter((c) => !acked.has(c)).length;
    const total = opened.reduce((a, b) => a + b, 0);
    console.log(
      JSON.stringify(
        {
          clients: BEFORE ? 'before' : 'after',
          server: args.server,
          customers: N,
          seconds: SECONDS,
          starve: `${args.slice} ms of every ${args.period} ms`,
          loadavg1mAtStart: uptimeAtStart,
          loadavg1mAtEnd: loadavg()[0],
          customerSocketsOpened: total,
          perCustomer: { mean: total / N, max: Math.max(...opened) },
          agentSocketsOpened: agentOpened,
          requeues,
          leaveMessage,
          assignedAtEnd: assignedToAgents,
          messagesSent: sent.size,
          messagesAcked: [...sent].filter((c) => acked.has(c)).length,
          sentNeverAcked: lost,
        },
        null,
        2,
      ),
    );
  } finally {
    for (const l of links) l.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.send({ kind: 'stop' });
    await Promise.race([exited, sleep(15_000)]);
    child.kill();
    await db.end();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Chat-state changes recorded so far (from null: any state). */
async function count(db: pg.Pool, from: string | null, to: string): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from ticket_events where kind = 'chat_state' and to_value = to_jsonb($1::text)
       and ($2::text is null or from_value = to_jsonb($2::text))`,
    [to, from],
  );
  return rows[0].n as number;
}

await main();
