import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { KefuNode, MailSink, Postgres, RedisServer, sleep, until } from './cluster.ts';
import { ChatParty, Http, identityToken } from './parties.ts';

/**
 * Three Kefu nodes on their own PostgreSQL 15 and Redis, with customers and agents chatting over
 * WebSocket and tickets answered over HTTP (each reply mails the customer), while the suite kills a
 * node with SIGKILL (once while mails are in flight), restarts Redis, restarts PostgreSQL and
 * terminates every backend. It asserts nothing acknowledged is lost or doubled, no sequence gap,
 * no chat assigned twice, no mail lost or doubled, 503s with our shape during outages, and the
 * recovery times stated in docs/reliability.md (the figures it prints go there).
 */
const APP_SECRET = 'faults-app-secret-0123456789-abcdefghijkl';
const JWT_SECRET = 'faults-customer-jwt-secret-0123456789abcd';
const ORIGIN = 'http://desk.test';

const pgServer = new Postgres();
const redis = new RedisServer();
const sink = new MailSink();
const nodes: KefuNode[] = [];
const parties: ChatParty[] = [];
const report: Record<string, unknown> = {};
/** Failed expectations of a phase that let the scenario go on; asserted empty at the end. */
const problems: string[] = [];

afterAll(async () => {
  for (const p of parties) p.close();
  // The nodes' own words (warnings and errors only) for whoever reads a failure.
  for (const n of nodes) console.log(`node ${n.index} log tail:\n${n.logTail(25)}`);
  console.log(`fault suite report so far: ${JSON.stringify(report)}`);
  await Promise.allSettled(nodes.map((n) => n.close()));
  await redis.kill();
  await sink.close().catch(() => {});
  await pgServer.close();
}, 60_000);

const liveHttp = () => nodes.filter((n) => n.alive).map((n) => n.http);
const wsUrls = () => nodes.map((n) => n.ws);
const seconds = (ms: number) => Math.round(ms / 100) / 10;

describe('the desk under dependency faults (3 nodes, PostgreSQL 15, Redis)', () => {
  it('loses nothing, doubles nothing and recovers within seconds', async () => {
    const t0 = Date.now();
    await pgServer.init();
    await redis.start();
    await sink.start();
    const env = {
      DATABASE_URL: pgServer.url,
      REDIS_URL: redis.url,
      PUBLIC_URL: ORIGIN,
      APP_SECRET,
      CUSTOMER_JWT_SECRET: JWT_SECRET,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      JOB_POLL_SECONDS: '0.5',
      DATABASE_POOL_SIZE: '8',
      CUSTOMER_MESSAGES_PER_10S: '10000',
      CUSTOMER_MESSAGES_PER_10MIN: '100000',
      CUSTOMER_REPEATS_PER_10MIN: '10000',
      EMAIL_MAILBOXES: 'support@lumen-exchange.example=general',
      EMAIL_RELAY_URL: `smtp://127.0.0.1:${sink.port}`,
      EMAIL_NOTIFY_DELAY_SECONDS: '1',
      EMAIL_NOTIFY_POLL_SECONDS: '1',
    };
    for (let i = 0; i < 3; i++) nodes.push(new KefuNode(i, env));
    // The first node migrates and seeds the demo desk; the others join it.
    await nodes[0]!.start();
    await Promise.all([nodes[1]!.start(), nodes[2]!.start()]);
    report.setupSeconds = seconds(Date.now() - t0);
    const http = new Http(liveHttp);

    // Agents (Chen and the supervisor, account team) on node 0, the one never killed.
    const agentParties: Array<{ party: ChatParty; id: string; write: Record<string, string> }> = [];
    for (const who of ['chen@lumen-exchange.example', 'supervisor@lumen-exchange.example']) {
      const password = who.startsWith('chen') ? 'kefu-demo-agent' : 'kefu-demo-supervisor';
      const res = await fetch(`${nodes[0]!.http}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: who, password }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { csrfToken: string; agent: { id: string } };
      const cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('kefu_session='))!
        .split(';')[0]!;
      const party = new ChatParty(who, () => [nodes[0]!.ws], { headers: { cookie, origin: ORIGIN } }, 0);
      await party.connect();
      party.raw({ type: 'presence', status: 'online' });
      parties.push(party);
      agentParties.push({ party, id: body.agent.id, write: { cookie, 'x-csrf-token': body.csrfToken } });
    }
    await sleep(500);
    const categories = (await http.call('GET', '/api/v1/categories')).body as {
      items: Array<{ id: string; code: string }>;
    };
    const account = categories.items.find((c) => c.code === 'account')!.id;

    const session = async (uid: string, claims: Record<string, unknown> = {}) => {
      const res = await http.call('POST', '/api/v1/customer/session', {
        body: { identityToken: await identityToken(JWT_SECRET, uid, claims) },
      });
      expect(res.status).toBe(201);
      return (res.body as { token: string }).token;
    };

    // Six chat customers, two per node, each handed to a person.
    const chats: Array<{ party: ChatParty; ticketId: string; agent: ChatParty }> = [];
    for (let i = 0; i < 6; i++) {
      const party = new ChatParty(
        `customer-${i}`,
        wsUrls,
        { token: await session(`fault-chat-${i}`) },
        i % 3,
      );
      parties.push(party);
      await party.connect();
      party.raw({ type: 'start', categoryId: account, lang: 'en' });
      const chat = (await party.waitFor((f) => f.type === 'chat')) as { ticketId: string };
      party.follow(chat.ticketId);
      // Right after three nodes boot on a loaded machine, a hand-off can be answered "busy"
      // (overloaded: the chat's admission control, chat/service.ts). The customer is told so and
      // tries again, as the page offers; the scenario's faults come later. Shed hand-offs are in
      // the report. A miss still fails, naming the frames the customer did see for its chat.
      const busySeen = new Set<object>();
      const deadline = Date.now() + 60_000;
      let assigned: { agent: { id: string } } | null = null;
      while (!assigned) {
        party.raw({ type: 'handoff', ticketId: chat.ticketId });
        const frame = await party
          .waitFor(
            (f) =>
              (f as { ticketId?: string }).ticketId === chat.ticketId &&
              ((f.type === 'chat' && f.state === 'assigned') || (f.type === 'busy' && !busySeen.has(f))),
            Math.max(1, deadline - Date.now()),
          )
          .catch((err: Error) => {
            const seen = party.frames
              .filter((f) => (f as { ticketId?: string }).ticketId === chat.ticketId)
              .map(
                (f) =>
                  `${f.type}${'state' in f ? `:${String(f.state)}` : ''}${'reason' in f ? `:${String(f.reason)}` : ''}`,
              );
            throw new Error(`${err.message}; its frames: ${seen.join(', ')}; reconnects ${party.reconnects}`);
          });
        if (frame.type === 'busy') {
          busySeen.add(frame);
          report.setupHandoffsShed = Number(report.setupHandoffsShed ?? 0) + 1;
          await sleep(1000);
          continue;
        }
        assigned = frame as unknown as { agent: { id: string } };
      }
      const agent = agentParties.find((a) => a.id === assigned.agent.id)!.party;
      agent.follow(chat.ticketId);
      chats.push({ party, ticketId: chat.ticketId, agent });
    }

    // Three web-ticket customers with an email address: each staff reply is owed to them by mail.
    const tickets: Array<{ id: string; token: string }> = [];
    const createKeys: Array<{ token: string; key: string }> = [];
    const createTicket = async (token: string, key: string, deadlineMs = 90_000) => {
      createKeys.push({ token, key });
      const res = await http.call(
        'POST',
        '/api/v1/me/tickets',
        {
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
          body: { title: `Fault ticket ${key}`, description: 'Withdrawal pending', categoryId: account },
        },
        deadlineMs,
      );
      expect(res.status, res.text).toBe(201);
      return (res.body as { id: string }).id;
    };
    for (let i = 0; i < 3; i++) {
      const token = await session(`fault-mail-${i}`, { email: `mail-${i}@customer.example`, language: 'en' });
      tickets.push({ id: await createTicket(token, `first-${i}`), token });
    }

    // The load: chat both ways every second; a staff reply (a mail owed) every 1.5 s; a new ticket
    // every 4 s. Bounded by round counts as well as by `running`.
    let running = true;
    const replyTokens: string[] = [];
    const chatLoop = (async () => {
      for (let round = 0; running && round < 600; round++) {
        for (const [i, c] of chats.entries()) {
          c.party.send(c.ticketId, `c-${i}-${round}`, `customer ${i} message ${round}`);
          c.agent.send(c.ticketId, `a-${i}-${round}`, `agent reply ${round} to ${i}`);
        }
        await sleep(1000);
      }
    })();
    const replier = agentParties[1]!;
    const mailLoop = (async () => {
      for (let n = 0; running && n < 400; n++) {
        const ticket = tickets[n % tickets.length]!;
        const token = `FT-${n}`;
        replyTokens.push(token);
        const res = await http.call('POST', `/api/v1/tickets/${ticket.id}/messages`, {
          headers: { ...replier.write, origin: ORIGIN },
          body: { body: `Reply ${token} on your withdrawal`, clientId: `reply-${token}` },
        });
        expect(res.status, res.text).toBe(201);
        if (n % 3 === 0) await createTicket(tickets[n % 3]!.token, `more-${n}`);
        await sleep(1500);
      }
    })();
    const loops = Promise.all([chatLoop, mailLoop]);
    await sleep(8000);

    // A: a node dies (SIGKILL); its customers reconnect to the others; it comes back.
    await nodes[2]!.kill();
    await sleep(3000);
    report.nodeRestartToReadySeconds = await nodes[2]!.start();

    // B: a node dies while mails are in flight (the relay holds its 250 for 6 s).
    sink.holdMs = 6000;
    await until(() => sink.holding > 0, 30_000, 'a mail in flight');
    await sleep(1000);
    const heldAt = Date.now();
    await nodes[1]!.kill();
    sink.holdMs = 0;
    report.node1RestartToReadySeconds = await nodes[1]!.start();

    // C: Redis away for 20 s. Requests keep working on every node (local limits, no fan-out).
    const ackedBeforeRedis = chats.reduce((n, c) => n + c.party.acked.size, 0);
    await redis.kill();
    const redisDownAt = Date.now();
    await sleep(3000);
    for (const node of nodes) {
      const res = await http.once(node.http, 'POST', '/api/v1/me/tickets', {
        headers: { authorization: `Bearer ${tickets[0]!.token}`, 'idempotency-key': `redis-${node.index}` },
        body: { title: 'During the Redis outage', description: 'Still works?', categoryId: account },
      });
      createKeys.push({ token: tickets[0]!.token, key: `redis-${node.index}` });
      expect(res.status, res.text).toBe(201);
    }
    await until(
      () => chats.reduce((n, c) => n + c.party.acked.size, 0) > ackedBeforeRedis + 12,
      15_000,
      'chat acks without Redis',
    );
    await sleep(Math.max(0, 20_000 - (Date.now() - redisDownAt)));
    await redis.start();
    const redisUpAt = Date.now();
    // Fan-out is back when a customer on another node than the agents hears a new agent message.
    const far = chats.find((c) => c.party.ws && !c.party.ws.url.includes(`:${nodes[0]!.port}/`))!;
    let probedAt = 0;
    const redisRecovered = await until(
      () => {
        if (Date.now() - probedAt >= 1000) {
          probedAt = Date.now();
          far.agent.send(far.ticketId, `probe-${probedAt}`, 'probe after Redis returned');
        }
        return (far.party.received.get(far.ticketId) ?? []).some(
          (m) => m.clientId?.startsWith('probe-') && Number(m.clientId.slice(6)) >= redisUpAt,
        );
      },
      30_000,
      'cross-node delivery after Redis returned',
    ).then(
      () => true,
      (err: Error) => {
        // Recorded, and the scenario goes on: one run shows every phase.
        problems.push(
          `${err.message}; customer on ${far.party.ws?.url}: errors ${JSON.stringify([...far.party.errors])}, ` +
            `last frames ${JSON.stringify(far.party.frames.slice(-3))}; agent errors ${JSON.stringify([...far.agent.errors])}`,
        );
        return false;
      },
    );
    report.redisOutageSeconds = seconds(redisUpAt - redisDownAt);
    report.redisRecoverySeconds = redisRecovered ? seconds(Date.now() - redisUpAt) : null;

    // D: PostgreSQL stopped for 8 s: 503 with our shape and Retry-After, /healthz alive, /readyz 503.
    const agentRead = { cookie: agentParties[0]!.write.cookie! };
    await pgServer.stop('fast');
    const pgDownAt = Date.now();
    await sleep(1000);
    for (const node of nodes) {
      expect((await fetch(`${node.http}/healthz`)).status).toBe(200);
      const ready = await fetch(`${node.http}/readyz`);
      expect(ready.status).toBe(503);
      const res = await http.once(node.http, 'POST', '/api/v1/me/tickets', {
        headers: { authorization: `Bearer ${tickets[1]!.token}` },
        body: { title: 'During the PostgreSQL outage', description: 'Refused?', categoryId: account },
      });
      expect(res.status, res.text).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((res.body as { error: { code: string } }).error.code).toBe('service_unavailable');
      // The agents' views, whose statements run on the fixed-plan pool (db/fixed-plans.ts): the same.
      for (const path of AGENT_VIEWS) {
        const view = await http.once(node.http, 'GET', path, { headers: agentRead });
        expect(view.status, `${path}: ${view.text}`).toBe(503);
      }
    }
    await sleep(Math.max(0, 8000 - (Date.now() - pgDownAt)));
    await pgServer.start();
    const pgUpAt = Date.now();
    const recovered = await Promise.all(
      nodes.map((n) => recoveredAfter(n, pgUpAt, tickets[1]!.token, account)),
    );
    report.postgresOutageSeconds = seconds(pgUpAt - pgDownAt);
    report.postgresRecoverySecondsPerNode = recovered;
    for (const node of nodes) await viewsServe(node, agentRead, 'after the PostgreSQL restart');

    // E: every backend terminated twice, 2 s apart, under load.
    const terminated = [await pgServer.terminateBackends()];
    await sleep(2000);
    terminated.push(await pgServer.terminateBackends());
    const killedAt = Date.now();
    report.backendsTerminated = terminated;
    report.terminateRecoverySecondsPerNode = await Promise.all(
      nodes.map((n) => recoveredAfter(n, killedAt, tickets[2]!.token, account)),
    );
    for (const node of nodes) await viewsServe(node, agentRead, 'after the backends were terminated');
    await sleep(5000);

    // Quiet: stop the load, let every unacked message and owed mail through.
    running = false;
    await loops;
    let resentAt = 0;
    await until(
      () => {
        if (Date.now() - resentAt >= 2000) {
          resentAt = Date.now();
          for (const p of parties) p.resendPending();
        }
        return parties.every((p) => p.pending.size === 0);
      },
      60_000,
      'every chat message acked',
    );
    const customerIds = (c: (typeof chats)[number]) =>
      (c.agent.received.get(c.ticketId) ?? []).filter((m) => m.authorType === 'customer');
    const agentIds = (c: (typeof chats)[number]) =>
      (c.party.received.get(c.ticketId) ?? []).filter((m) => m.authorType === 'agent');
    await until(
      () =>
        chats.every(
          (c, i) =>
            customerIds(c).length >= ackedWith(c.party, 'c-') &&
            agentIds(c).length >= ackedWith(c.agent, `a-${i}-`),
        ),
      60_000,
      'every chat message delivered to the other side',
    );
    const mailDeadline = Date.now();
    await until(() => replyTokens.every((t) => mailsWith(t).size > 0), 150_000, 'a mail for every reply');
    report.mailSettleSeconds = seconds(Date.now() - mailDeadline);

    // Chat: nothing acknowledged lost, nothing doubled, in order, no gap, one assignment each.
    let lost = 0;
    let doubled = 0;
    let delivered = 0;
    for (const c of chats) {
      const stored = await pgServer.query<{ client_id: string; n: string }>(
        'select client_id, count(*) n from messages where ticket_id = $1 and client_id is not null group by client_id',
        [c.ticketId],
      );
      const counts = new Map(stored.map((r) => [r.client_id, Number(r.n)]));
      for (const id of [
        ...c.party.acked,
        ...[...c.agent.acked].filter((a) => a.startsWith(`a-${chats.indexOf(c)}-`)),
      ]) {
        if (!counts.has(id)) lost++;
      }
      for (const n of counts.values()) if (n > 1) doubled++;
      const seen = [...customerIds(c), ...agentIds(c)].map((m) => m.clientId);
      doubled += seen.length - new Set(seen).size;
      delivered += seen.length;
      const gaps = await pgServer.query<{ missing: string }>(
        `select t.last_seq - (select count(*) from (select seq from messages where ticket_id = t.id
           union select seq from ticket_events where ticket_id = t.id) s) missing
           from tickets t where t.id = $1`,
        [c.ticketId],
      );
      expect(Number(gaps[0]!.missing), `sequence gaps in ${c.ticketId}`).toBe(0);
      const assignments = await pgServer.query<{ n: string }>(
        `select count(*) n from ticket_events where ticket_id = $1 and kind = 'assignee'`,
        [c.ticketId],
      );
      expect(Number(assignments[0]!.n), `assignments of ${c.ticketId}`).toBe(1);
    }
    const clientDoubled = parties.reduce((n, p) => n + p.doubled, 0);
    report.chat = {
      delivered,
      lost,
      doubled,
      doubledFrames: clientDoubled,
      reconnects: parties.reduce((n, p) => n + p.reconnects, 0),
    };
    expect(lost).toBe(0);
    expect(doubled).toBe(0);

    // Tickets: each idempotency key made exactly one ticket.
    const keys = await pgServer.query<{ idempotency_key: string; n: string }>(
      `select idempotency_key, count(*) n from tickets where idempotency_key is not null group by idempotency_key`,
    );
    const made = new Map(keys.map((k) => [k.idempotency_key, Number(k.n)]));
    for (const { key } of createKeys) expect(made.get(key), `tickets for ${key}`).toBe(1);

    // Mail: every reply in exactly one logical mail (one Message-ID); copies of a Message-ID are
    // what a relay drops (the resend after the node died holding them).
    function mailsWith(token: string): Set<string> {
      const re = new RegExp(`\\b${token}\\b`);
      return new Set(sink.received.filter((m) => re.test(m.text)).map((m) => m.messageId));
    }
    const lostMail = replyTokens.filter((t) => mailsWith(t).size === 0);
    const doubledMail = replyTokens.filter((t) => mailsWith(t).size > 1);
    const copies = [...sink.byMessageId().values()].filter((list) => list.length > 1);
    const retriedAfter = copies.map((list) => seconds(list[1]!.at - list[0]!.at));
    report.mail = {
      replies: replyTokens.length,
      mails: sink.byMessageId().size,
      copiesDroppedByMessageId: copies.reduce((n, l) => n + l.length - 1, 0),
      resentAfterSeconds: retriedAfter,
      heldWhenNodeKilled: seconds(Date.now() - heldAt) > 0,
      lost: lostMail.length,
      doubled: doubledMail.length,
    };
    expect(lostMail).toEqual([]);
    expect(doubledMail).toEqual([]);
    // The budget of a resend: the mail job's 30 s expiry, supervision every 10 s, the 8 s retry
    // delay and the worker's poll — about 50 s; 60.0 s was measured once on a loaded machine.
    for (const s of retriedAfter) expect(s).toBeLessThan(75);

    // HTTP: no 500 anywhere; every 503 had our shape and Retry-After; no node crashed.
    report.http = {
      ...http.stats,
      badUnavailable: http.stats.badUnavailable.length,
      serverErrors: http.stats.serverErrors.length,
    };
    expect(http.stats.serverErrors).toEqual([]);
    expect(http.stats.badUnavailable).toEqual([]);
    expect(nodes.flatMap((n) => n.crashes)).toEqual([]);
    expect(nodes.every((n) => n.alive)).toBe(true);
    for (const s of recovered) expect(s).toBeLessThan(15);
    expect(problems).toEqual([]);
    // 8.9 s measured on a loaded 2-core machine; the bus alone recovers in 1.6 s.
    expect(report.redisRecoverySeconds as number).toBeLessThan(20);
    report.totalSeconds = seconds(Date.now() - t0);
    console.log(`fault suite figures: ${JSON.stringify(report, null, 2)}`);
    writeFileSync('/tmp/kefu-faults-report.json', JSON.stringify(report, null, 2));
  }, 480_000);
});

/** How many of a party's acknowledged messages carry this clientId prefix. */
function ackedWith(party: ChatParty, prefix: string): number {
  let n = 0;
  for (const id of party.acked) if (id.startsWith(prefix)) n++;
  return n;
}

/** Seconds from `since` until the node answers /readyz and creates a ticket again. */
/** An inbox view, the side counts and an exact-id search: each on the fixed-plan connections. */
const AGENT_VIEWS = [
  '/api/v1/tickets?status=new&status=open&status=pending&status=on_hold&assignee=none',
  '/api/v1/tickets/counts?status=open',
  '/api/v1/tickets?q=KF-000001',
];

/** Each agent view answers 200 again within 10 s (its pool drops the dead connections). */
async function viewsServe(node: KefuNode, headers: Record<string, string>, when: string) {
  await until(
    async () => {
      for (const path of AGENT_VIEWS) {
        const res = await fetch(`${node.http}${path}`, { headers, signal: AbortSignal.timeout(5000) });
        if (res.status !== 200) return false;
      }
      return true;
    },
    10_000,
    `node ${node.index}'s agent views ${when}`,
  );
}

async function recoveredAfter(node: KefuNode, since: number, token: string, categoryId: string) {
  await until(
    async () => {
      if ((await fetch(`${node.http}/readyz`, { signal: AbortSignal.timeout(2000) })).status !== 200)
        return false;
      const res = await fetch(`${node.http}/api/v1/me/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'After the outage', description: 'Back?', categoryId }),
        signal: AbortSignal.timeout(5000),
      });
      return res.status === 201;
    },
    60_000,
    `node ${node.index} serving again`,
  );
  return seconds(Date.now() - since);
}
