import type { Logger } from 'pino';
import { Counter, Gauge, type Metric } from 'prom-client';

/** What a node does without Redis: each is a named fallback, counted and logged. */
export type RedisUse = 'rate_limit' | 'chat_bus' | 'cache_forget';

/**
 * How this node is getting by while a dependency is away. Each fallback is counted in
 * `kefu_redis_fallbacks_total{use}`; `kefu_redis_degraded{use}` is 1 while it lasts. The log says
 * so once when it starts, every 30 s while it lasts, and once when Redis is back, rather than once
 * per request (an outage under load would otherwise flood the log).
 */
export interface Degradation {
  /** A call to Redis for `use` failed and the fallback was used instead. */
  fellBack(use: RedisUse, err: unknown): void;
  /** A call to Redis for `use` worked: ends the degraded state if there was one. */
  worked(use: RedisUse): void;
  degraded(use: RedisUse): boolean;
  metrics: Metric[];
}

const REMIND_MS = 30_000;

export function createDegradation(logger: Logger, now: () => number = Date.now): Degradation {
  const fallbacks = new Counter({
    name: 'kefu_redis_fallbacks_total',
    help: 'Calls to Redis that failed and were served by the local fallback, by use',
    labelNames: ['use'],
    registers: [],
  });
  const state = new Map<RedisUse, { since: number; loggedAt: number; count: number }>();
  const gauge = new Gauge({
    name: 'kefu_redis_degraded',
    help: '1 while this node runs a use of Redis on its local fallback',
    labelNames: ['use'],
    registers: [],
    collect() {
      for (const use of ['rate_limit', 'chat_bus', 'cache_forget'] as const)
        this.set({ use }, state.has(use) ? 1 : 0);
    },
  });
  return {
    fellBack(use, err) {
      fallbacks.inc({ use });
      const t = now();
      const s = state.get(use);
      if (!s) {
        state.set(use, { since: t, loggedAt: t, count: 1 });
        logger.warn({ use, err }, 'Redis unavailable: using the local fallback');
      } else {
        s.count++;
        if (t - s.loggedAt >= REMIND_MS) {
          s.loggedAt = t;
          logger.warn(
            { use, err, fallbacks: s.count, seconds: Math.round((t - s.since) / 1000) },
            'Redis still unavailable: using the local fallback',
          );
        }
      }
    },
    worked(use) {
      const s = state.get(use);
      if (!s) return;
      state.delete(use);
      logger.info(
        { use, fallbacks: s.count, seconds: Math.round((now() - s.since) / 1000) },
        'Redis is back: local fallback ended',
      );
    },
    degraded: (use) => state.has(use),
    metrics: [fallbacks, gauge],
  };
}
