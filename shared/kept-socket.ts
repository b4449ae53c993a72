/**
 * One chat WebSocket kept open by a client (the customer page, the agent workspace, the load
 * script): reconnects with capped exponential back-off and full jitter, honours the server's
 * "retry after" hint, judges liveness by any traffic rather than by one late pong, and never holds
 * two sockets at once. Runtime code with no browser-only API: it runs in Node tests as it runs in
 * a phone's webview (any WHATWG WebSocket).
 *
 * Why full jitter: when a node stalls, every client loses its socket at the same moment. Delays of
 * `base·2^n ± a little` bring them all back together (a reconnect storm: 7,351 connections for 204
 * clients once); a delay drawn uniformly from [0, base·2^n] spreads them over the whole window.
 */

export interface BackoffPolicy {
  /** First window, doubled per failed attempt. */
  baseMs: number;
  /** The window never grows beyond this. */
  capMs: number;
}

export const CHAT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/** A delay drawn uniformly from [0, min(cap, base·2^attempt)] ("full jitter"). */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy = CHAT_BACKOFF, random = Math.random) {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.floor(random() * window);
}

/**
 * The wait before reconnect attempt `attempt`: the server's hint (it said when to come back) plus
 * a full-jitter draw, so clients told the same hint still arrive spread out.
 */
export function reconnectDelay(attempt: number, hintMs = 0, policy = CHAT_BACKOFF, random = Math.random) {
  return Math.max(0, hintMs) + fullJitterDelay(attempt, policy, random);
}

export interface Heartbeat {
  /** A ping is sent this often while the socket is open. */
  intervalMs: number;
  /**
   * The socket is given up only after this long without hearing anything at all (a pong, an item,
   * anything): a starved server that is slow to answer a ping but still sends is not dropped.
   */
  silenceMs: number;
}

export const CHAT_HEARTBEAT: Heartbeat = { intervalMs: 15_000, silenceMs: 45_000 };

/** A WebSocket as browsers and Node 22+ define it (only what is used here). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface KeptSocketOptions {
  /** Where to connect; may first do async work (open a session). A throw counts as a failed attempt. */
  url(): string | Promise<string>;
  /** The socket is open: send what must come first (the auth frame). */
  onOpen?(send: (data: string) => void): void;
  /** Every text frame, already parsed. */
  onFrame(frame: unknown): void;
  /** The link went down (a reconnect is scheduled unless closed). */
  onDown?(): void;
  /** A connection attempt starts. */
  onConnecting?(): void;
  open?(url: string): SocketLike;
  policy?: BackoffPolicy;
  heartbeat?: Heartbeat;
  /** The ping frame's text. */
  ping?: string;
  random?: () => number;
}

const OPEN = 1;
/** WebSocket close code 1013, "try again later": the server is overloaded or a dependency is away. */
export const TRY_AGAIN_LATER = 1013;
/** A socket that dies sooner than this after its welcome does not reset the back-off. */
const STABLE_MS = 10_000;

export class KeptSocket {
  private ws: SocketLike | null = null;
  private connecting = false;
  private closed = false;
  private attempt = 0;
  private hintMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private beat: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private welcomedAt = 0;
  /** Sockets opened so far (the load script counts them per client). */
  opened = 0;
  private readonly o: KeptSocketOptions;

  constructor(options: KeptSocketOptions) {
    this.o = options;
    void this.connect();
  }

  get isOpen(): boolean {
    return this.ws?.readyState === OPEN;
  }

  send(data: string): boolean {
    if (!this.ws || this.ws.readyState !== OPEN) return false;
    this.ws.send(data);
    return true;
  }

  /** The server welcomed us: the socket is live. The back-off resets once it has held a while. */
  welcomed() {
    this.welcomedAt = Date.now();
    this.hintMs = 0;
  }

  /**
   * The server asked us to come back later (an `unavailable` frame or close code 1013): the next
   * reconnect waits at least `ms`, plus jitter.
   */
  retryAfter(ms: number) {
    this.hintMs = Math.max(this.hintMs, Math.min(Math.max(0, ms), 300_000));
  }

  /**
   * The network is back (the browser's `online` event): the back-off starts over, and a reconnect
   * waiting for its timer goes now. An attempt already under way is left to finish (never a second).
   */
  reconnectNow() {
    if (this.closed) return;
    this.attempt = 0;
    if (this.ws || this.connecting) return;
    this.clearRetry();
    void this.connect();
  }

  /** Drops the socket as a network failure would; the usual reconnect follows. */
  drop() {
    if (this.ws) this.lost(this.ws);
  }

  close() {
    this.closed = true;
    this.clearRetry();
    this.stopBeat();
    const ws = this.ws;
    this.ws = null;
    if (ws) this.detach(ws);
  }

  private clearRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private stopBeat() {
    if (this.beat) clearInterval(this.beat);
    this.beat = null;
  }

  /** Forgets a socket for good: no handler of it runs again, and it is closed. */
  private detach(ws: SocketLike) {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close();
    } catch {
      // Closing a socket that never opened may throw in some engines: it is gone either way.
    }
  }

  private async connect() {
    // One socket at most: a connect while another is open or under way does nothing.
    if (this.closed || this.ws || this.connecting) return;
    this.connecting = true;
    this.o.onConnecting?.();
    let url: string;
    try {
      url = await this.o.url();
    } catch {
      this.connecting = false;
      return this.scheduleRetry();
    }
    this.connecting = false;
    if (this.closed || this.ws) return;
    const open = this.o.open ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);
    const ws = open(url);
    this.ws = ws;
    this.opened++;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      this.startBeat(ws);
      this.o.onOpen?.((data) => ws.send(data));
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      this.o.onFrame(frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      if (event.code === TRY_AGAIN_LATER) this.retryAfter(Math.max(this.hintMs, 1000));
      this.lost(ws);
    };
    // An error is always followed by close in browsers; a socket that never opened may only error.
    ws.onerror = () => {
      if (this.ws === ws && ws.readyState !== OPEN) this.lost(ws);
    };
  }

  private lost(ws: SocketLike) {
    if (this.ws !== ws) return;
    this.ws = null;
    this.stopBeat();
    this.detach(ws);
    // A socket that held after its welcome starts the back-off again; one that died at once does not.
    if (this.welcomedAt && Date.now() - this.welcomedAt >= STABLE_MS) this.attempt = 0;
    this.welcomedAt = 0;
    this.o.onDown?.();
    this.scheduleRetry();
  }

  private scheduleRetry() {
    if (this.closed || this.retryTimer) return;
    const delay = reconnectDelay(this.attempt++, this.hintMs, this.o.policy, this.o.random);
    this.hintMs = 0;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private startBeat(ws: SocketLike) {
    this.stopBeat();
    const hb = this.o.heartbeat ?? CHAT_HEARTBEAT;
    const ping = this.o.ping ?? '{"type":"ping"}';
    this.beat = setInterval(
      () => {
        if (this.ws !== ws) return this.stopBeat();
        // Anything heard recently proves the link: only a long silence drops it.
        if (Date.now() - this.lastHeard > hb.silenceMs) return this.lost(ws);
        if (ws.readyState === OPEN) ws.send(ping);
      },
      Math.min(hb.intervalMs, hb.silenceMs / 2),
    );
  }
}
