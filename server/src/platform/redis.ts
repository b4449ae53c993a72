import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * One Redis connection (pub/sub needs its own: a subscribed connection can do nothing else).
 * While Redis is away a command fails within about a second (one retry, a command timeout)
 * instead of waiting in the offline queue for the reconnection, so a request still gets an answer
 * and the caller's fallback runs; ioredis reconnects every ≤ 1 s and restores subscriptions itself.
 */
export function createRedis(url: string, options: { subscriber?: boolean; logger?: Logger } = {}): Redis {
  const redis = new Redis(url, {
    // A subscriber's SUBSCRIBE waits for Redis however long it takes (see subscribeSoon).
    maxRetriesPerRequest: options.subscriber ? null : 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    ...(options.subscriber ? {} : { commandTimeout: 1000 }),
    retryStrategy: (times) => Math.min(100 * times, 1000),
    autoResubscribe: true,
    lazyConnect: false,
  });
  // Without a listener ioredis prints every failed reconnection to stderr; one line per outage.
  let down = false;
  redis.on('error', (err) => {
    if (down) return;
    down = true;
    options.logger?.warn({ err }, 'Redis connection lost; reconnecting');
  });
  redis.on('ready', () => {
    if (down) options.logger?.info('Redis connection restored');
    down = false;
  });
  return redis;
}

/**
 * The prefix of every Redis key and pub/sub channel of this desk, so several desks can share one
 * Redis server: REDIS_PREFIX when set, else `kefu:{database number}:` from REDIS_URL (pub/sub
 * channels are server-wide: the database number alone does not separate them).
 */
export function redisPrefixFor(url: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  const db = /^\/(\d+)$/.exec(new URL(url).pathname)?.[1] ?? '0';
  return `kefu:${db}:`;
}

/**
 * Subscribes, waiting at most `waitMs` for it: a node that starts while Redis is away must still
 * start (and serve on its own); the subscription completes when Redis comes, and ioredis renews it
 * after every reconnection.
 */
export async function subscribeSoon(sub: Redis, channel: string, waitMs = 2000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    sub.subscribe(channel).catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, waitMs);
    }),
  ]);
  clearTimeout(timer);
}
