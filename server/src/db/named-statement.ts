import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Executor } from './client.ts';

const dialect = new PgDialect();

/**
 * Runs a hot statement as a named prepared statement when it goes straight to the PostgreSQL pool:
 * each connection parses and plans it once, later runs only bind the values (less CPU in the
 * database, less text on the wire). The statement's text must not vary between calls (values are
 * parameters). Inside a transaction, or on PGlite, it runs through Drizzle as usual. Rows come
 * back as the driver gives them (timestamps as Date on PostgreSQL, strings on PGlite).
 */
export async function executeNamed<Row>(ex: Executor, name: string, query: SQL): Promise<Row[]> {
  const client = (ex as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await client.query({ name, text, values: params as unknown[] })).rows as Row[];
  }
  const result = (await ex.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
