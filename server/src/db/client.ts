import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { fixedPlanPoolSize, registerFixedPlans } from './fixed-plans.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The typed query layer, the same whether PGlite or a PostgreSQL server is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export type Database =
  | { kind: 'pglite'; db: Db; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgres'; db: Db; pool: pg.Pool; url: string; close(): Promise<void> };

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens embedded PGlite in `dir` (or in memory when `dir` is null), or loads a dumped image. */
export async function openPglite(dir: string | null, image?: Blob): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    ...(image ? { loadDataDir: image } : {}),
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { kind: 'pglite', db, pglite, close: () => pglite.close() };
}

/**
 * A pool on a PostgreSQL server that rides out restarts, failovers and terminated backends:
 * - every client gets an 'error' listener the moment it connects. The pool listens only while a
 *   client is idle; a client checked out (a transaction) whose backend dies emits 'error' with
 *   nobody listening, which used to end the process. Its query fails instead, the request answers
 *   503 (platform/unavailable.ts), and the pool discards the broken client on release.
 * - while the server is away a request waits at most `connectionTimeoutMillis` for a connection,
 *   then fails into the same 503, rather than queueing until the server returns.
 * - TCP keepalive notices a server that vanished without closing its sockets (a failover).
 * Nothing needs restarting when the server is back: the next checkout opens a fresh connection.
 */
export async function openPostgres(
  url: string,
  poolSize = 20,
  onError: (err: Error) => void = () => {},
): Promise<Database> {
  const open = (max: number, options?: string) => {
    const pool = new pg.Pool({
      connectionString: url,
      max,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(options ? { options } : {}),
    });
    pool.on('error', onError);
    pool.on('connect', (client) => {
      client.on('error', onError);
    });
    return pool;
  };
  const pool = open(poolSize);
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  // A few connections whose named statements always run their generic plan: see fixed-plans.ts.
  const fixedPool = open(fixedPlanPoolSize(poolSize), '-c plan_cache_mode=force_generic_plan');
  registerFixedPlans(db, drizzleNodePg(fixedPool, { schema }) as unknown as Db);
  return {
    kind: 'postgres',
    db,
    pool,
    url,
    close: async () => {
      await Promise.all([pool.end(), fixedPool.end()]);
    },
  };
}

/** Brings the schema up to date. Several nodes starting at once take turns on an advisory lock. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await database.pglite.exec('create extension if not exists pg_trgm');
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(7431001)');
    await client.query('create extension if not exists pg_trgm');
    await migrateNodePg(database.db as never, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7431001)').catch(() => {});
    client.release();
  }
}

/** Quick readiness check for /readyz: fails within `timeoutMs` rather than hanging. */
export async function pingDatabase(database: Database, timeoutMs = 2000): Promise<void> {
  const ping =
    database.kind === 'pglite' ? database.pglite.query('select 1') : database.pool.query('select 1');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
  });
  try {
    await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
