import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { eventually } from '../testing/harness.ts';
import { cached, cachedWhileHeard, forget, shareForgetsOverRedis } from './node-cache.ts';

// The cache is keyed by the database handle only; any object stands for one node's handle here.
const handle = () => ({}) as unknown as Db;

describe('per-node cache', () => {
  it('loads once per TTL, shares one load between concurrent misses, and forgets a topic at once', async () => {
    const db = handle();
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([
      cached(db, 't', 'k', 60_000, load),
      cached(db, 't', 'k', 60_000, load),
    ]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await cached(db, 't', 'k', 60_000, load)).toBe(1);
    expect(await cached(db, 'other', 'k', 60_000, load)).toBe(2);
    forget(db, 't');
    expect(await cached(db, 't', 'k', 60_000, load)).toBe(3);
    expect(await cached(db, 'other', 'k', 60_000, load)).toBe(2);
  });

  it('runs a lazy loader once however often the value is read (a drizzle query runs on each then)', async () => {
    const db = handle();
    let runs = 0;
    // Like a drizzle query builder: nothing runs until `then`, and every `then` runs it again.
    const lazyQuery = {
      // biome-ignore lint/suspicious/noThenProperty: the point is a thenable that is not a promise
      then(resolve: (v: number) => void, reject: (e: unknown) => void) {
        return Promise.resolve(++runs).then(resolve, reject);
      },
    } as unknown as Promise<number>;
    const load = () => lazyQuery;
    for (let i = 0; i < 5; i++) expect(await cached(db, 'lazy', 'k', 60_000, load)).toBe(1);
    expect(runs).toBe(1);
  });

  it('keeps nothing past the TTL, past a limit the value sets, or when the load failed', async () => {
    const db = handle();
    let n = 0;
    expect(await cached(db, 't', 'ttl', 0, async () => ++n)).toBe(1);
    expect(await cached(db, 't', 'ttl', 0, async () => ++n)).toBe(2);
    const until = (v: number) => (v < 10 ? Date.now() - 1 : Number.POSITIVE_INFINITY);
    expect(await cached(db, 't', 'own', 60_000, async () => ++n, until)).toBe(3);
    expect(await cached(db, 't', 'own', 60_000, async () => ++n, until)).toBe(4);
    await expect(
      cached(db, 't', 'fail', 60_000, async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect(await cached(db, 't', 'fail', 60_000, async () => 'back')).toBe('back');
  });

  it('does not keep what a load read before a forget that came while it ran', async () => {
    const db = handle();
    let release!: (v: string) => void;
    const slow = cached(db, 't', 'k', 60_000, () => new Promise<string>((r) => (release = r)));
    forget(db, 't');
    release('old');
    expect(await slow).toBe('old');
    expect(await cached(db, 't', 'k', 60_000, async () => 'new')).toBe('new');
  });

  it('keeps no copy of what must not outlive a change elsewhere while the other nodes cannot be heard', async () => {
    const db = handle();
    // Nothing listens on port 1: the subscription never comes, as while Redis is away.
    const stop = await shareForgetsOverRedis(db, 'redis://127.0.0.1:1', { prefix: 'kefu:test:' });
    try {
      let loads = 0;
      const load = async () => ++loads;
      expect(await cachedWhileHeard(db, 'session', 'k', 60_000, load)).toBe(1);
      expect(await cachedWhileHeard(db, 'session', 'k', 60_000, load)).toBe(2);
      // What a TTL alone may bound is still kept.
      expect(await cached(db, 'rules', 'k', 60_000, load)).toBe(3);
      expect(await cached(db, 'rules', 'k', 60_000, load)).toBe(3);
    } finally {
      await stop();
    }
  });

  const redisUrl = process.env.KEFU_TEST_REDIS_URL;
  it.skipIf(!redisUrl)('forgets on the other nodes too, over Redis (KEFU_TEST_REDIS_URL)', async () => {
    const [nodeA, nodeB] = [handle(), handle()];
    const stops = [
      await shareForgetsOverRedis(nodeA, redisUrl!, { prefix: 'kefu:test:' }),
      await shareForgetsOverRedis(nodeB, redisUrl!, { prefix: 'kefu:test:' }),
    ];
    try {
      let version = 1;
      const read = (db: Db) => cached(db, 'rules', 'all', 60_000, async () => version);
      expect([await read(nodeA), await read(nodeB)]).toEqual([1, 1]);
      version = 2;
      forget(nodeA, 'rules');
      expect(await read(nodeA)).toBe(2);
      await eventually(async () => ((await read(nodeB)) === 2 ? true : null));
      // Once subscribed, a node keeps its copies of what must end with a change elsewhere.
      let loads = 0;
      const session = () => cachedWhileHeard(nodeB, 'session', 'k', 60_000, async () => ++loads);
      await eventually(async () => {
        const first = await session();
        return (await session()) === first;
      });
    } finally {
      for (const stop of stops) await stop();
    }
  });
});
