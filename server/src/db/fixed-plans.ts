import type { Db } from './client.ts';
import { perDatabase } from './per-database.ts';

/**
 * Named statements whose best plan does not hang on their values — agent search's look-ups and
 * its tiers' page, whose rows are driven by ids found in the same statement, and the search
 * results' summaries, read by primary key — run on a small second pool whose sessions set
 * `plan_cache_mode = force_generic_plan`. There each connection plans such a statement once and
 * only binds values afterwards.
 *
 * On the main pool PostgreSQL's `auto` mode kept planning them afresh on every run (a custom
 * plan: its estimate of the generic plan never came out cheaper), and planning a look-up of five
 * tiers over tables with a dozen partial indexes was most of an exact-id search's time in the
 * database (bind 1–4 ms, execute 0.5 ms, on the 100,000-ticket corpus; docs/performance.md). The
 * setting is per connection, not per statement, and the main pool cannot take it: its unnamed
 * statements (the inbox's lists, the thread walk) would then be planned generically too, losing
 * their partial indexes' proofs from the status list and a common word's row estimate.
 *
 * Only the database handle itself has a fixed-plan twin. A transaction, and PGlite (one
 * in-process connection, no pools), run such statements where they are, as before.
 */
const twins = new WeakMap<Db, Db>();

export function registerFixedPlans(db: Db, twin: Db): void {
  twins.set(db, twin);
}

/** Where a named statement whose plan does not depend on its values should run. */
export function fixedPlansOf(db: Db): Db {
  return twins.get(db) ?? db;
}

/** The twin pool's size: a statement there is short (a millisecond or two), so a few suffice. */
export function fixedPlanPoolSize(poolSize: number): number {
  return Math.max(1, Math.min(6, Math.ceil(poolSize / 4)));
}

/**
 * A named prepared statement (built by `build` with Drizzle's `.prepare(name)`) whose plan does
 * not hang on its values — a read by primary or foreign key — made once per database on its
 * fixed-plan connections. Only for reads of the database itself: a transaction's statements must
 * run on the transaction's own connection.
 */
export function fixedPlanStatement<T extends object>(build: (db: Db) => T): (db: Db) => T {
  const made = perDatabase(build);
  return (db) => made(fixedPlansOf(db));
}
