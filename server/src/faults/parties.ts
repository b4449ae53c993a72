// The fault suite's clients: chat parties that behave like the real apps (resend what was not
// acked, resume from the last seq held, reconnect to another node) and an HTTP caller that
// checks every answer it gets while dependencies fail.
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import type { ServerFrame } from '../../../shared/chat-protocol.ts';
import { sleep } from './cluster.ts';

export interface Delivered {
  seq: number;
  clientId: string | null;
  authorType: string;
}

export class ChatParty {
  ws: WebSocket | null = null;
  stopped = false;
  readonly lastSeq = new Map<string, number>();
  readonly received = new Map<string, Delivered[]>();
  readonly pending = new Map<string, { ticketId: string; body: string }>();
  readonly acked = new Set<string>();
  readonly errors = new Map<string, number>();
  readonly frames: ServerFrame[] = [];
  /** Items whose seq the party already held (a delivery doubled by the server). */
  doubled = 0;
  reconnects = 0;
  private waiters: Array<{ match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  readonly name: string;
  private readonly urls: () => string[];
  private readonly auth: { token?: string; headers?: Record<string, string> };
  preferred: number;
  constructor(
    name: string,
    urls: () => string[],
    auth: { token?: string; headers?: Record<string, string> },
    preferred: number,
  ) {
    this.name = name;
    this.urls = urls;
    this.auth = auth;
    this.preferred = preferred;
  }

  /** Connects to the preferred node, else the next one answering; resumes and resends. */
  async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const urls = this.urls();
      const url = urls[(this.preferred + attempt) % urls.length]!;
      try {
        await this.open(url);
        return;
      } catch {
        await sleep(Math.min(200 * (attempt + 1), 1000));
      }
    }
  }

  private open(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: this.auth.headers ?? {}, handshakeTimeout: 3000 });
      let welcomed = false;
      const timer = setTimeout(() => ws.terminate(), 8000);
      ws.on('open', () => {
        if (this.auth.token) ws.send(JSON.stringify({ type: 'auth', token: this.auth.token }));
      });
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as ServerFrame;
        if (!welcomed) {
          if (frame.type !== 'welcome') return;
          welcomed = true;
          clearTimeout(timer);
          this.ws = ws;
          for (const [ticketId, lastSeq] of this.lastSeq) this.raw({ type: 'resume', ticketId, lastSeq });
          for (const [clientId, p] of this.pending)
            this.raw({ type: 'send', ticketId: p.ticketId, clientId, body: p.body });
          resolve();
        }
        this.onFrame(frame);
      });
      ws.on('error', () => {});
      ws.on('close', () => {
        clearTimeout(timer);
        if (!welcomed) return reject(new Error('closed before welcome'));
        if (this.ws === ws) this.ws = null;
        if (!this.stopped) {
          this.reconnects++;
          void sleep(200).then(() => this.connect());
        }
      });
    });
  }

  follow(ticketId: string) {
    if (!this.lastSeq.has(ticketId)) this.lastSeq.set(ticketId, 0);
  }

  private onFrame(f: ServerFrame) {
    this.frames.push(f);
    if (this.frames.length > 2000) this.frames.splice(0, 1000);
    if (f.type === 'item' && this.lastSeq.has(f.ticketId)) {
      const last = this.lastSeq.get(f.ticketId)!;
      if (f.item.seq <= last) this.doubled++;
      else {
        this.lastSeq.set(f.ticketId, f.item.seq);
        if (f.item.kind === 'message') {
          const list = this.received.get(f.ticketId) ?? [];
          list.push({ seq: f.item.seq, clientId: f.item.clientId ?? null, authorType: f.item.authorType });
          this.received.set(f.ticketId, list);
        }
      }
    }
    if (f.type === 'ack' && this.pending.delete(f.clientId)) this.acked.add(f.clientId);
    if (f.type === 'error') {
      this.errors.set(f.code, (this.errors.get(f.code) ?? 0) + 1);
      // A dependency away: the message was not stored; send it again after the wait it names.
      const ref = (f as { ref?: string }).ref;
      const wait = (f as { retryAfterMs?: number }).retryAfterMs ?? 1000;
      const p = ref ? this.pending.get(ref) : undefined;
      if (p && ref)
        void sleep(Math.min(wait, 2000)).then(() => {
          if (this.pending.has(ref))
            this.raw({ type: 'send', ticketId: p.ticketId, clientId: ref, body: p.body });
        });
    }
    for (let i = this.waiters.length - 1; i >= 0; i--)
      if (this.waiters[i]!.match(f)) this.waiters.splice(i, 1)[0]!.resolve(f);
  }

  raw(frame: object) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  send(ticketId: string, clientId: string, body: string) {
    this.pending.set(clientId, { ticketId, body });
    this.raw({ type: 'send', ticketId, clientId, body });
  }

  /** Resends what is still unacked (a frame lost with a socket that died after sending). */
  resendPending() {
    for (const [clientId, p] of this.pending)
      this.raw({ type: 'send', ticketId: p.ticketId, clientId, body: p.body });
  }

  waitFor(match: (f: ServerFrame) => boolean, timeoutMs = 20_000): Promise<ServerFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no matching frame in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  close() {
    this.stopped = true;
    this.ws?.terminate();
  }
}

export interface HttpStats {
  ok: number;
  /** 503s with our error shape and a Retry-After header. */
  unavailable: number;
  /** 503s missing the shape or Retry-After: must stay 0. */
  badUnavailable: string[];
  /** Any other 5xx: must stay 0. */
  serverErrors: string[];
  /** Connection refused or reset (a killed node): retried on another node. */
  networkErrors: number;
}

/** Calls the desk on whichever node answers, retrying 503s and dead nodes until `deadlineMs`. */
export class Http {
  readonly stats: HttpStats = {
    ok: 0,
    unavailable: 0,
    badUnavailable: [],
    serverErrors: [],
    networkErrors: 0,
  };
  private next = 0;
  private readonly nodes: () => string[];
  constructor(nodes: () => string[]) {
    this.nodes = nodes;
  }

  /** One attempt on one node: classifies the answer. */
  async once(
    base: string,
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: unknown } = {},
  ) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status === 503) {
      const body = safeJson(text) as { error?: { code?: string; message?: string } } | null;
      const shaped = body?.error?.code === 'service_unavailable' && typeof body.error.message === 'string';
      if (shaped && res.headers.get('retry-after')) this.stats.unavailable++;
      else this.stats.badUnavailable.push(`${method} ${path}: ${text.slice(0, 200)}`);
    } else if (res.status >= 500)
      this.stats.serverErrors.push(`${res.status} ${method} ${path}: ${text.slice(0, 300)}`);
    else if (res.status < 400) this.stats.ok++;
    return { status: res.status, headers: res.headers, body: safeJson(text), text };
  }

  /** Retries on 503 and network errors (another node each time) until a final answer. */
  async call(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: unknown } = {},
    deadlineMs = 90_000,
  ) {
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 0; ; attempt++) {
      const nodes = this.nodes();
      const base = nodes[this.next++ % nodes.length]!;
      try {
        const res = await this.once(base, method, path, init);
        if (res.status !== 503 && res.status < 500) return res;
      } catch {
        this.stats.networkErrors++;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer before the deadline`);
      await sleep(Math.min(250 * (attempt + 1), 1500));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function identityToken(secret: string, uid: string, claims: Record<string, unknown>) {
  return new SignJWT({ uid, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('30m')
    .sign(new TextEncoder().encode(secret));
}
