import { Redis } from 'ioredis';

/** One Redis connection. Pub/sub needs its own: a subscribed connection can do nothing else. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}
