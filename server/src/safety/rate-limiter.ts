import type { Redis } from 'ioredis';
import type { Degradation } from '../platform/degradation.ts';
import { createRedis } from '../platform/redis.ts';

/**
 * Counts hits on a key in a fixed window. One interface, two stores: memory for a single node,
 * Redis when several nodes must see one flood as one (KEFU multi-node mode).
 */
export interface RateLimiter {
  /** Counts one hit; `allowed` is false once `limit` hits were counted in the current window. */
  hit(
    key: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number; count: number }>;
  close(): Promise<void>;
}

/** Ended windows are dropped this often, or sooner when this many are held. */
const SWEEP_EVERY_MS = 10_000;
const SWEEP_ABOVE = 100_000;

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  let sweepAbove = SWEEP_ABOVE;
  return {
    async hit(key, limit, windowMs) {
      const t = now();
      // By time, not by count of hits: at a peak every customer's message adds keys (the repeat
      // check's is per text), and walking them all every thousand hits cost more than the counting.
      if (t >= nextSweep || windows.size >= sweepAbove) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        nextSweep = t + SWEEP_EVERY_MS;
        // Still this many live windows: sweep again only when they have doubled.
        sweepAbove = Math.max(SWEEP_ABOVE, windows.size * 2);
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return { allowed: w.count <= limit, retryAfterMs: w.resetAt - t, count: w.count };
    },
    async close() {
      windows.clear();
    },
  };
}

/** INCR and set the window's expiry on the first hit, atomically. */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** `prefix` is the desk's Redis prefix plus `rl:` (several desks may share one Redis). */
export function redisRateLimiter(redis: Redis, prefix = 'kefu:0:rl:'): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, prefix + key, String(windowMs))) as [
        number,
        number,
      ];
      return { allowed: count <= limit, retryAfterMs: ttl, count };
    },
    async close() {
      await redis.quit();
    },
  };
}

/**
 * Lets requests through when the store fails (Redis down): a limit that cannot be counted must not
 * take ticket creation or chat down with it. With a `fallback` (a memory limiter), hits are counted
 * on this node alone meanwhile: each node then holds a customer to the pace by itself, which is
 * looser than one count across nodes but never unlimited. `warn` hears every failure (the caller
 * logs and counts them, see platform/degradation.ts); `recovered` every success.
 */
export function failOpen(
  limiter: RateLimiter,
  warn: (err: unknown) => void,
  options: { fallback?: RateLimiter; recovered?: () => void } = {},
): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      try {
        const result = await limiter.hit(key, limit, windowMs);
        options.recovered?.();
        return result;
      } catch (err) {
        warn(err);
        if (options.fallback) return options.fallback.hit(key, limit, windowMs);
        return { allowed: true, retryAfterMs: 0, count: 0 };
      }
    },
    async close() {
      await Promise.allSettled([limiter.close(), options.fallback?.close()]);
    },
  };
}

/**
 * The desk's customer limiter: memory on one node; with REDIS_URL one count across nodes, falling
 * back to this node's own count while Redis is away (logged and counted as `rate_limit`).
 */
export function deskRateLimiter(
  config: { redisUrl: string | null; redisPrefix: string },
  degradation: Degradation,
): RateLimiter {
  if (!config.redisUrl) return memoryRateLimiter();
  return failOpen(
    redisRateLimiter(createRedis(config.redisUrl), `${config.redisPrefix}rl:`),
    (err) => degradation.fellBack('rate_limit', err),
    { fallback: memoryRateLimiter(), recovered: () => degradation.worked('rate_limit') },
  );
}
