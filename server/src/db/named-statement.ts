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
 * template on every call was a visible share of a ticket create's CPU). Inside a transaction, or
 * on PGlite, `build` is called with the values and the statement runs through Drizzle as usual.
 */
export function namedStatement<Values extends Record<string, unknown>, Row>(
  name: string,
  build: (values: Values) => SQL,
) {
  let compiled: { text: string; params: unknown[] } | null = null;
  return {
    async run(ex: Executor, values: Values): Promise<Row[]> {
      const client = (ex as { $client?: unknown }).$client;
      if (client instanceof pg.Pool) {
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
