/**
 * Is this error a dependency being away (PostgreSQL restarting or failing over, a backend
 * terminated, Redis down) rather than a bug? Those answer 503 with Retry-After and are retried by
 * the caller; they never reach the "internal" 500. Walks `cause`, since Drizzle and ioredis wrap.
 */
export function isDependencyUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Seconds a client is asked to wait before trying again while a dependency is away. */
export const RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_CODES = new Set([
  // Sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // PostgreSQL: admin_shutdown (pg_terminate_backend, a restart), crash_shutdown,
  // cannot_connect_now (starting up / shutting down), too_many_connections, read-only after a
  // failover (a standby that is not promoted yet); class 08 (connection exceptions) above.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '25006',
]);

const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError']);

const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^terminating connection/,
  /the database system is (starting up|shutting down|in recovery mode)/,
  // ioredis
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /enableOfflineQueue options is false/,
  /Reached the max retries per request limit/,
];
