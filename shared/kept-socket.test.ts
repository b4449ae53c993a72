import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { CHAT_BACKOFF, fullJitterDelay, KeptSocket, reconnectDelay } from './kept-socket.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reconnect delays: capped exponential back-off with full jitter', () => {
  it('draws uniformly from [0, min(cap, base·2^n)]', () => {
    const policy = { baseMs: 100, capMs: 3_000 };
    expect(fullJitterDelay(0, policy, () => 0.999_999)).toBe(99);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(400);
    // Capped however many attempts failed.
    expect(fullJitterDelay(40, policy, () => 0.999_999)).toBe(2_999);
    expect(fullJitterDelay(1_000, CHAT_BACKOFF, () => 0.999_999)).toBeLessThan(CHAT_BACKOFF.capMs);
    expect(fullJitterDelay(5, policy, () => 0)).toBe(0);
    // The server's hint is a floor; the jitter comes on top so clients told the same hint spread out.
    expect(reconnectDelay(2, 5_000, policy, () => 0.5)).toBe(5_200);
  });

  it('spreads 1,000 clients over the whole window instead of bunching them', () => {
    const delays = Array.from({ length: 1_000 }, () => fullJitterDelay(6));
    const window = Math.min(CHAT_BACKOFF.capMs, CHAT_BACKOFF.baseMs * 2 ** 6);
    const buckets = new Array(10).fill(0);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(window);
      buckets[Math.floor((d / window) * 10)]++;
    }
    // Each tenth of the window gets roughly a tenth of the clients (a storm would fill one).
    for (const b of buckets) expect(b).toBeGreaterThan(50);
    expect(new Set(delays).size).toBeGreaterThan(500);
  });
});

describe('KeptSocket against real servers', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  async function listen(server: Server): Promise<string> {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('backs off with jitter against a server refusing every connection, one socket at a time', async () => {
    // An overloaded node's proxy: every upgrade answered 503.
    const attempts: number[] = [];
    const open = new Map<string, number>();
    let maxOpenPerClient = 0;
    const server = createServer();
    server.on('upgrade', (req, socket) => {
      attempts.push(Date.now());
      const who = req.url ?? '';
      open.set(who, (open.get(who) ?? 0) + 1);
      maxOpenPerClient = Math.max(maxOpenPerClient, open.get(who)!);
      socket.on('close', () => open.set(who, open.get(who)! - 1));
      socket.on('error', () => {}); // a client closing first resets the connection
      socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n');
    });
    const url = await listen(server);
    const policy = { baseMs: 50, capMs: 800 };
    const clients = Array.from(
      { length: 5 },
      (_, i) => new KeptSocket({ url: () => `${url}?client=${i}`, onFrame: () => {}, policy }),
    );
    cleanup.push(() => {
      for (const c of clients) c.close();
    });
    // Hammering "reconnect now" (the browser's online event) never opens a second socket.
    for (let i = 0; i < 20; i++) for (const c of clients) c.reconnectNow();
    await sleep(3_000);
    for (const c of clients) c.close();
    // Upgrades still on their way reach the server a moment later on a loaded machine.
    await sleep(300);
    // Without back-off five clients would make hundreds of attempts in 3 s; with it each makes
    // about log2(3000/50)+3000/400 ≈ 10–15 at most.
    const perClient = clients.map((c) => c.opened);
    for (const n of perClient) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(25);
    }
    // Every attempt the server saw was one a client counted (one per client may have been closed
    // by the test before it reached the server).
    const counted = perClient.reduce((a, b) => a + b, 0);
    expect(attempts.length).toBeLessThanOrEqual(counted);
    expect(attempts.length).toBeGreaterThanOrEqual(counted - clients.length);
    // Never two sockets of one client at once.
    expect(maxOpenPerClient).toBe(1);
    // Jitter: the clients do not come back in lockstep.
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(new Set(gaps.map((g) => Math.round(g / 10))).size).toBeGreaterThan(3);
  });

  it('waits out the server’s retry hint (close 1013) before reconnecting', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    const connects: number[] = [];
    wss.on('connection', (ws) => {
      connects.push(Date.now());
      ws.send(JSON.stringify({ type: 'unavailable', reason: 'overloaded', retryAfterMs: 1_000 }));
      ws.close(1013, 'overloaded');
    });
    cleanup.push(() => wss.close());
    const url = await listen(server);
    const frames: unknown[] = [];
    let socket: KeptSocket;
    socket = new KeptSocket({
      url: () => url,
      policy: { baseMs: 10, capMs: 50 },
      onFrame: (f) => {
        frames.push(f);
        const frame = f as { type: string; retryAfterMs: number };
        if (frame.type === 'unavailable') socket.retryAfter(frame.retryAfterMs);
      },
    });
    cleanup.push(() => socket.close());
    await sleep(2_600);
    socket.close();
    // 0 s, then ≥ 1 s, then ≥ 2 s: not the 10–50 ms the policy alone would give.
    expect(connects.length).toBeGreaterThanOrEqual(2);
    expect(connects.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < connects.length; i++)
      expect(connects[i]! - connects[i - 1]!).toBeGreaterThanOrEqual(990);
  });

  it('keeps a socket that is slow to pong but still talking; drops one that went silent', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    let mode: 'chatty' | 'silent' = 'chatty';
    let connections = 0;
    wss.on('connection', (ws) => {
      connections++;
      // A starved server: pings are never answered, but items keep flowing (or, later, nothing).
      const t = setInterval(() => {
        if (mode === 'chatty' && ws.readyState === ws.OPEN) ws.send('{"type":"item"}');
      }, 100);
      ws.on('close', () => clearInterval(t));
    });
    cleanup.push(() => wss.close());
    const url = await listen(server);
    let downs = 0;
    const socket = new KeptSocket({
      url: () => url,
      // Items every 100 ms; silence means 1.5 s without any (a loaded test machine can stall a
      // few hundred ms, which once dropped a talking socket when the limit was 400 ms).
      heartbeat: { intervalMs: 300, silenceMs: 1_500 },
      policy: { baseMs: 5_000, capMs: 5_000 },
      random: () => 0.99, // the reconnect after the drop comes after the test's end
      onFrame: () => {},
      onDown: () => downs++,
    });
    cleanup.push(() => socket.close());
    await sleep(3_000); // far beyond the pong timeout an old client would have used
    expect([connections, downs]).toEqual([1, 0]);
    mode = 'silent';
    await sleep(3_000); // dropped ~1.5–1.8 s in; the reconnect would come ≥ 4.9 s after that
    expect(downs).toBe(1);
    socket.close();
  });
});
