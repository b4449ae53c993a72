import { fillPlaceholders, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Executor } from './client.ts';

const dialect = new PgDialect();

/**
 * A hot statement run as a named prepared statement when it goes straight to the PostgreSQL pool:
 * each connection parses and plans it once, later runs only bind the values (less CPU in the
 * database, less text on the wire). Its text is built once too: `build` is called with
 * placeholders the first time, and later runs only fill in the values (building a large Drizzle
 * template on every call was a visible share of a ticket create's CPU). Inside a transaction on the
 * server it runs the same way on the transaction's own connection. On PGlite, `build` is called
 * with the values and the statement runs through Drizzle as usual.
 */
export function namedStatement<Values extends Record<string, unknown>, Row>(
  name: string,
  build: (values: Values) => SQL,
) {
  let compiled: { text: string; params: unknown[] } | null = null;
  return {
    async run(ex: Executor, values: Values): Promise<Row[]> {
      const client = pgClientOf(ex);
      if (client instanceof pg.Pool || client instanceof pg.Client) {
        if (!compiled) {
          const placeholders = new Proxy({}, { get: (_, key) => sql.placeholder(String(key)) });
          const query = dialect.sqlToQuery(build(placeholders as Values));
          compiled = { text: query.sql, params: query.params };
        }
        const params = fillPlaceholders(compiled.params, values);
        return (await client.query({ name, text: compiled.text, values: params })).rows as Row[];
      }
      const result = (await ex.execute(build(values))) as unknown as { rows: Row[] };
      return result.rows;
    },
  };
}

/** Whether the executor runs on a PostgreSQL server's pool (not PGlite, not a transaction). */
export function isServerPool(ex: Executor): boolean {
  return pgClientOf(ex) instanceof pg.Pool;
}

/**
 * The node-postgres connection behind an executor: the pool for the database itself, the
 * transaction's checked-out client inside one (Drizzle keeps it as its session's client, a
 * private field, hence the loose read); undefined on PGlite, which has neither.
 */
function pgClientOf(ex: Executor): unknown {
  const pool = (ex as { $client?: unknown }).$client;
  if (pool) return pool;
  return (ex as unknown as { session?: { client?: unknown } }).session?.client;
}
