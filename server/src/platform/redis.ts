import { Redis } from 'ioredis';

/**
 * One Redis connection (pub/sub needs its own: a subscribed connection can do nothing else).
 * Commands fail fast instead of queueing forever while Redis is down, so a request still gets an
 * answer; subscriptions are restored by ioredis when the connection comes back.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
}
