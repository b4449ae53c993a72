import { createHash } from 'node:crypto';
import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { fixedPlansOf } from './fixed-plans.ts';
import { perDatabase } from './per-database.ts';

/**
 * Statements whose text depends on a request's shape (which filters it has, the sort, whether a
 * cursor came) and whose values change every time: the inbox's pages, the view counts, agent
 * search. Building one with Drizzle walks every piece of it on every request (a profile of an
 * exact-id search put ~0.4 ms of its ~2.2 ms of CPU there). Here it is built with placeholders and
 * compiled once per shape and database, then sent with each request's values as an *unnamed*
 * statement: PostgreSQL still plans it with the values in hand (a custom plan), so a partial
 * index's predicate is proved and a rare value's selectivity seen, as when the values were inline.
 * A named statement could switch to a generic plan after five runs and lose both.
 *
 * `named: true` sends it as a named statement instead, prepared once per connection: PostgreSQL
 * then parses and analyses its text once, not on every run, though `auto` still plans it for each
 * run's values. `fixedPlan: true` also names it, on the database's fixed-plan connections
 * (fixed-plans.ts), where it is planned once: for statements whose best plan does not hang on a
 * value. For a KF number's look-up of five tiers, on the 100,000-ticket corpus: 4.3 ms a run
 * unnamed, 1.3 ms named, 0.25 ms with its plan fixed. The thread walk's plan does hang on a value
 * (how many of the newest tickets it reads): it stays unnamed, as do lists filtered by a value
 * whose frequency decides the plan.
 *
 * A builder runs against a `Binder`: `value(label, v)` puts a value in the statement at the place
 * `label` names, `shape(token)` names
 * a choice the statement's *text* depends on that no value shows (a filter on "no assignee", an SLA
 * state, an empty list). The cache key is the sequence of both, so two requests share a compiled
 * statement only when their builders made the same calls in the same order: the text is then the
 * same by construction, whatever the values.
 */
export interface Binder {
  /**
   * A value of this request: one parameter (an array stays one array parameter). `label` names
   * the place it goes (the condition), so that two statements with values in different places
   * never share a key.
   */
  value(label: string, v: unknown): SQL | Placeholder;
  /** A choice of the statement's text that no value shows. */
  shape(token: string): void;
}

/** Values inline, as `sql` would put them: for a statement built once and run once. */
export const inlineBinder: Binder = {
  value: (_label, v) => sql`${sql.param(v)}`,
  shape: () => {},
};

/** A binder that records the shape and the values, giving placeholders in their place. */
export class ShapeBinder implements Binder {
  readonly values: Record<string, unknown> = {};
  private readonly tokens: string[] = [];
  private n = 0;
  private sealed = false;

  value(label: string, v: unknown): Placeholder {
    if (this.sealed) throw new Error(`value "${label}" bound after its statement was sent`);
    const name = `v${this.n++}`;
    this.values[name] = v;
    this.tokens.push(label);
    return sql.placeholder(name);
  }

  shape(token: string): void {
    this.tokens.push(token);
  }

  /** No value may be bound once the statement is sent: it would not be in a kept statement. */
  seal(): void {
    this.sealed = true;
  }

  /** The cache key: the statement's kind and every choice made while building it. */
  key(kind: string): string {
    return `${kind}|${this.tokens.join(',')}`;
  }
}

/** A shape's statement name: the same on every node and connection, as its text is. */
function statementName(key: string): string {
  return `kefu_shape_${createHash('sha1').update(key).digest('hex').slice(0, 20)}`;
}

interface Runnable<T> {
  execute(values: Record<string, unknown>): Promise<T>;
  /** The compiled text (Drizzle's prepared queries keep it under this name). */
  readonly queryString?: string;
}

/**
 * KEFU_CHECK_SHAPES=1 (the test suites set it): every use compiles the statement afresh and
 * requires the kept one's text to be the same, so a builder whose text depends on something it
 * did not name as a shape fails whichever test reaches it, instead of running another shape's SQL.
 */
const CHECK = process.env.KEFU_CHECK_SHAPES === '1';
/** Shapes are a handful per statement kind; the bound only guards against a builder gone wrong. */
const MAX_SHAPES = 500;
const cacheOf = perDatabase(() => new Map<string, Runnable<unknown>>());

/**
 * Runs a statement built with this binder: compiled on its shape's first use in this database and
 * kept, then run with the binder's values. The statement is built before this call (building is
 * cheap; compiling is what is kept), and the binder takes no value after it.
 */
function runShaped<T>(
  db: Db,
  b: ShapeBinder,
  kind: string,
  compile: (name: string | undefined) => Runnable<T>,
  named: boolean,
): Promise<T> {
  const key = b.key(kind);
  const name = named ? statementName(key) : undefined;
  b.seal();
  const cache = cacheOf(db);
  let statement = cache.get(key) as Runnable<T> | undefined;
  if (statement && CHECK) {
    const fresh = compile(name).queryString;
    if (fresh !== statement.queryString)
      throw new Error(`statement shape "${key}" gave two texts:\n${statement.queryString}\n---\n${fresh}`);
  }
  if (!statement) {
    statement = compile(name);
    if (cache.size >= MAX_SHAPES) cache.clear();
    cache.set(key, statement as Runnable<unknown>);
  }
  return statement.execute(b.values);
}

/** A Drizzle select (or anything with `prepare`) built with the binder's placeholders. */
export function runShapedQuery<T>(
  db: Db,
  b: ShapeBinder,
  kind: string,
  query: { prepare(name: string): Runnable<T> },
  options: { fixedPlan?: boolean } = {},
): Promise<T> {
  // Unnamed, planned with each run's values (see above); or, where one plan serves any values,
  // named. A Drizzle query runs where it was built, so for a fixed plan the caller builds it on
  // fixedPlansOf(db) and passes that here.
  return runShaped(db, b, kind, (name) => query.prepare(name as string), options.fixedPlan === true);
}

interface Session {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string | undefined,
    arrayMode: boolean,
  ): Runnable<unknown>;
}
interface Dialect {
  sqlToQuery(query: SQL): { sql: string; params: unknown[] };
}

/**
 * Raw SQL built with the binder's placeholders, run as `db.execute` runs it (rows as objects,
 * times as PostgreSQL's text). Drizzle has no public call for raw SQL with placeholders; this is
 * what `db.execute` does inside, minus the values.
 */
export async function runShapedSql<T>(
  db: Db,
  b: ShapeBinder,
  kind: string,
  query: SQL,
  options: { named?: boolean; fixedPlan?: boolean } = {},
): Promise<T[]> {
  const target = options.fixedPlan === true ? fixedPlansOf(db) : db;
  const inner = target as unknown as { session: Session; dialect: Dialect };
  const result = await runShaped(
    target,
    b,
    kind,
    (name) =>
      inner.session.prepareQuery(inner.dialect.sqlToQuery(query), undefined, name, false) as Runnable<{
        rows: T[];
      }>,
    options.named === true || options.fixedPlan === true,
  );
  return result.rows;
}
