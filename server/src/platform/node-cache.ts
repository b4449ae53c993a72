import type { Db } from '../db/client.ts';
import type { Degradation } from './degradation.ts';
import { createRedis, subscribeSoon } from './redis.ts';

/**
 * Per-node copies of what the hot paths read on every request and what changes rarely (SLA
 * policies and calendars, categories, customer sessions). Each entry lives at most its TTL. A
 * change calls `forget(db, topic)` after its commit: this node drops the topic at once and, with
 * REDIS_URL (the only way to run several nodes), every other node hears it over Redis pub/sub
 * within milliseconds. The TTL is the safety net for a lost pub/sub message (Redis restarting),
 * not the normal way a change spreads.
 *
 * Why pub/sub rather than a version row: reading a version costs the round trip the cache is meant
 * to save; and a short TTL alone would leave each node on old rules for the whole TTL.
 */
interface Entry {
  value: Promise<unknown>;
  until: number;
}

interface NodeCache {
  entries: Map<string, Entry>;
  broadcast: ((topic: string) => void) | null;
  /**
   * False while this node, linked to the others over Redis, may be missing their forgets (its
   * subscription is down or not yet renewed): what must never outlive a change elsewhere (an agent's
   * session) is then read from the database on every call (`cachedWhileHeard`).
   */
  hearing: boolean;
}

const MAX_ENTRIES = 20_000;
// Per database handle: tests run several desks (copies of one template, same ids) in one process.
const caches = new WeakMap<Db, NodeCache>();

function cacheOf(db: Db): NodeCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: new Map(), broadcast: null, hearing: true };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The value under `topic` + `key`, loaded once per TTL (concurrent misses share one load). `ttlOf`
 * may shorten the TTL from the value itself (a session must not outlive its expiry).
 */
export function cached<T>(
  db: Db,
  topic: string,
  key: string,
  ttlMs: number,
  load: () => Promise<T>,
  ttlOf?: (value: T) => number,
): Promise<T> {
  const cache = cacheOf(db);
  const name = `${topic}\u0000${key}`;
  const now = Date.now();
  const hit = cache.entries.get(name);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
  // A real promise, settled once: a loader may return a lazy thenable (a drizzle query runs again
  // on every `then`), which would make every reader of the "cached" value query the database.
  const value = Promise.resolve(load());
  const entry: Entry = { value, until: now + ttlMs };
  cache.entries.set(name, entry);
  value.then(
    (v) => {
      if (ttlOf) entry.until = Math.min(entry.until, ttlOf(v));
    },
    () => {
      // A failed load is not remembered: the next caller tries again.
      if (cache.entries.get(name) === entry) cache.entries.delete(name);
    },
  );
  return value;
}

/**
 * Like `cached`, for what a change on another node must end at once (an agent's session after a
 * sign-out or a disable there): while this node is not sure to hear the other nodes' forgets, it
 * does not use its copies at all.
 */
export function cachedWhileHeard<T>(...args: Parameters<typeof cached<T>>): Promise<T> {
  const [db, , , , load] = args;
  if (!cacheOf(db).hearing) return load();
  return cached(...args);
}

/** Drops every entry of `topic` here and, with several nodes, on the others. Call after commit. */
export function forget(db: Db, topic: string): void {
  const cache = cacheOf(db);
  forgetHere(cache, topic);
  cache.broadcast?.(topic);
}

/** A load still running is dropped too: whoever asks next reads again, after the change. */
function forgetHere(cache: NodeCache, topic: string) {
  const prefix = `${topic}\u0000`;
  for (const name of cache.entries.keys()) if (name.startsWith(prefix)) cache.entries.delete(name);
}

/**
 * With several nodes: forgets travel over Redis. Returns the function that stops listening.
 * A node that loses its subscription for a while falls back on the TTLs.
 */
export async function shareForgetsOverRedis(
  db: Db,
  url: string,
  options: { prefix: string; degradation?: Degradation },
): Promise<() => Promise<void>> {
  const CHANNEL = `${options.prefix}cache-forget`;
  const cache = cacheOf(db);
  const pub = createRedis(url);
  const sub = createRedis(url, { subscriber: true });
  const self = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  sub.on('message', (_channel: string, raw: string) => {
    const [from, topic] = JSON.parse(raw) as [string, string];
    if (from !== self) forgetHere(cache, topic);
  });
  // Until subscribed, and from a lost connection until the subscription is renewed, forgets from
  // the other nodes may be missed: the copies kept meanwhile are dropped when it is back.
  cache.hearing = false;
  let stopped = false;
  const lost = () => {
    cache.hearing = false;
  };
  const renew = () => {
    sub.subscribe(CHANNEL).then(
      () => {
        if (stopped) return;
        cache.entries.clear();
        cache.hearing = true;
      },
      () => {},
    );
  };
  sub.on('close', lost);
  sub.on('reconnecting', lost);
  sub.on('end', lost);
  sub.on('ready', renew);
  await subscribeSoon(sub, CHANNEL);
  if (sub.status === 'ready') renew();
  cache.broadcast = (topic) => {
    pub.publish(CHANNEL, JSON.stringify([self, topic])).then(
      () => options.degradation?.worked('cache_forget'),
      (err) => options.degradation?.fellBack('cache_forget', err),
    );
  };
  return async () => {
    stopped = true;
    cache.broadcast = null;
    cache.hearing = true;
    // QUIT waits for a connection: while Redis is away a node that stops would wait for ever.
    const close = (r: typeof sub) => (r.status === 'ready' ? r.quit() : Promise.resolve(r.disconnect()));
    await Promise.allSettled([close(sub), close(pub)]);
  };
}
