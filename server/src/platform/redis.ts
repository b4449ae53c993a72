import { Redis } from 'ioredis';

/**
 * One Redis connection for the features that share state between nodes (rate limits). Commands
 * fail fast instead of queueing forever while Redis is down, so a request gets an answer.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
}
