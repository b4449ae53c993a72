import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Registry } from 'prom-client';
import { AppError } from '../platform/errors.ts';

/**
 * How loaded this node is, for admission control: event-loop lag (a starved CPU shows here first)
 * and the number of sockets. The lag is the mean delay of a timer in each one-second window: one
 * long pause (a GC, a big query on PGlite) is not overload, a loop that stays late is. Two late
 * windows in a row make the node "overloaded", and it stays so a few seconds after, so one calm
 * window in a storm does not open the gate.
 */
export interface LoadMonitor {
  /** Why the node should take no new work now, or null. */
  overloaded(): 'lag' | 'sockets' | null;
  /** Sockets beyond the hard limit (the one being opened counts) are refused outright. */
  full(): boolean;
  /** The mean timer delay of the last one-second window. */
  lagMs(): number;
  stop(): void;
}

const WINDOW_MS = 1000;
const LATE_WINDOWS = 2;
const HOLD_MS = 5000;

export function createLoadMonitor(options: { maxLagMs: number; maxSockets: number; sockets(): number }) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lag = 0;
  let late = 0;
  let until = 0;
  let lastTick = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const elapsed = now - lastTick;
    lastTick = now;
    // The histogram counts the sampling resolution itself as delay: only what is beyond it is lag.
    // A window with no sample at all (its mean is NaN) means the loop never let the 10 ms timer
    // run: blocked the whole time, so the lag is the window's length, not "none".
    const mean = delay.count > 0 ? delay.mean / 1e6 - 10 : elapsed;
    lag = Math.max(0, mean, elapsed - WINDOW_MS);
    delay.reset();
    late = lag > options.maxLagMs ? late + 1 : 0;
    if (late >= LATE_WINDOWS) until = Date.now() + HOLD_MS;
  }, WINDOW_MS);
  timer.unref();
  const monitor: LoadMonitor = {
    overloaded() {
      if (Date.now() < until) return 'lag';
      // New customers are turned away a little before sockets run out: existing ones can still reconnect.
      if (options.sockets() >= options.maxSockets * 0.9) return 'sockets';
      return null;
    },
    full: () => options.sockets() > options.maxSockets,
    lagMs: () => lag,
    stop() {
      clearInterval(timer);
      delay.disable();
    },
  };
  return monitor;
}

/** Load shedding, visible to Prometheus at /metrics. */
export function createChatMetrics(
  registry: Registry = new Registry(),
  read: { sockets(): number; lagMs(): number } = { sockets: () => 0, lagMs: () => 0 },
) {
  const registers = [registry];
  return {
    shed: new Counter({
      name: 'kefu_chat_shed_total',
      help: 'Live-chat work refused or dropped to protect existing chats, by what',
      labelNames: ['what'] as const,
      registers,
    }),
    requeued: new Counter({
      name: 'kefu_chat_requeued_total',
      help: 'Chats returned to the queue because their agent was absent past the requeue window',
      registers,
    }),
    leaveMessage: new Counter({
      name: 'kefu_chat_leave_message_total',
      help: 'Chats turned into leave-a-message tickets, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    unavailable: new Counter({
      name: 'kefu_chat_unavailable_total',
      help: 'Chat frames answered "unavailable" because a dependency (database, Redis) was away',
      registers,
    }),
    sockets: new Gauge({
      name: 'kefu_chat_sockets',
      help: 'Open chat sockets on this node',
      registers,
      collect() {
        this.set(read.sockets());
      },
    }),
    lag: new Gauge({
      name: 'kefu_chat_event_loop_lag_seconds',
      help: 'Mean event-loop delay in the last second (admission control looks at it)',
      registers,
      collect() {
        this.set(read.lagMs() / 1000);
      },
    }),
  };
}

export type ChatMetrics = ReturnType<typeof createChatMetrics>;

const DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection failures, too many clients.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const DOWN_TEXT =
  /connection terminated|connection is closed|timeout exceeded when trying to connect|connection error|MaxRetriesPerRequest|stream isn't writeable|not connected|ECONNREFUSED|server closed the connection/i;

/**
 * Whether a failure means a dependency (the database, Redis) is away rather than a bug or bad
 * input: then the client is told to retry, not shown an error. Drivers wrap causes (drizzle's
 * query error holds pg's), so the chain is followed.
 */
export function isDependencyDown(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof AppError) return err.status === 503;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && DOWN_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && DOWN_TEXT.test(e.message)) return true;
  return isDependencyDown(e.cause, depth + 1);
}

/** The wait a client is told: the error's Retry-After when it has one, else a few seconds. */
export function retryAfterMsOf(err: unknown): number {
  const header = err instanceof AppError ? Number(err.headers['retry-after']) : Number.NaN;
  return Number.isFinite(header) && header > 0 ? Math.min(header, 300) * 1000 : 5000;
}
