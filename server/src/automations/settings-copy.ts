import type { Db, Executor } from '../db/client.ts';
import { cached, forget } from '../platform/node-cache.ts';

/**
 * A node's copy of rarely changed settings (the active triggers, the webhook subscriptions) for
 * the ticket write path, which asks on every write whether anyone listens.
 *
 * Inside a write's transaction the copy is only peeked at, never loaded and never waited for: an
 * embedded database has one connection, so a load through it would wait for the transaction that
 * is waiting for the load. When there is no copy yet (or it was just forgotten) the answer is
 * "unknown" and the caller enqueues its job anyway; the job, after the commit, reads the truth.
 */
export function settingsCopy<T>(topic: string, load: (db: Db) => Promise<T>) {
  const last = new WeakMap<Db, T>();
  const fetch = (db: Db) => {
    const value = cached(db, topic, 'all', 60_000, () => load(db));
    value.then(
      (v) => last.set(db, v),
      () => {},
    );
    return value;
  };
  return {
    /** The copy, loaded if needed (outside a transaction). */
    get: fetch,
    /** Outside a transaction (`ex` is `db`): the copy. Inside: the copy if there is one, else null. */
    async peek(db: Db, ex: Executor): Promise<T | null> {
      if (ex === db) return fetch(db);
      // Starts a reload if the copy is stale; on an embedded database it runs after this commit.
      void fetch(db).catch(() => {});
      return last.get(db) ?? null;
    },
    forget(db: Db) {
      last.delete(db);
      forget(db, topic);
    },
  };
}
