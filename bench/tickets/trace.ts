/**
 * `node bench/tickets/trace.ts`: the statements one ticket creation sends to PostgreSQL, in order
 * (each `query` call on a pooled client is one round trip). Boots Kefu in this process on a scratch
 * database (`kefu_trace_<pid>` on BENCH_PG_URL, dropped afterwards), opens a customer session,
 * creates one ticket to warm the caches, then logs the statements of the next two creations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import { boot } from '../../server/src/boot.ts';
import { loadConfig } from '../../server/src/config/config.ts';
import { openPostgres } from '../../server/src/db/client.ts';
import { createLogger } from '../../server/src/platform/logger.ts';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JWT_SECRET = 'trace-customer-jwt-secret-0123456789abcdef';

let tracing = false;
const seen: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (tracing) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    seen.push(text.replace(/\s+/g, ' ').trim().slice(0, 160));
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const admin = await openPostgres(PG_URL, 1);
if (admin.kind !== 'postgres') throw new Error('unreachable');
const name = `kefu_trace_${process.pid}`;
await admin.pool.query(`create database ${name}`);
const url = new URL(PG_URL);
url.pathname = `/${name}`;
const dataDir = await mkdtemp(join(tmpdir(), 'kefu-trace-'));
try {
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    SEED_DEMO: 'true',
    APP_SECRET: 'trace-app-secret-trace-app-secret-0123456789',
    CUSTOMER_JWT_SECRET: JWT_SECRET,
    LOG_LEVEL: 'warn',
  });
  const { app, database } = await boot(config, createLogger('warn'));
  const identityToken = await new SignJWT({ uid: 'trace-1', name: 'Trace' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET));
  const session = await app.inject({
    method: 'POST',
    url: '/api/v1/customer/session',
    payload: { identityToken },
  });
  const headers = { authorization: `Bearer ${session.json().token}` };
  const categoryId = (await app.inject({ method: 'GET', url: '/api/v1/categories' }))
    .json()
    .items.find((c: { code: string }) => c.code === 'trading').id;
  const create = (i: number) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...headers, 'idempotency-key': `trace-${i}` },
      payload: {
        title: `Order ${i} did not fill`,
        description: 'My limit order has been open for an hour at a price the market passed.',
        categoryId,
        fields: { pair: 'BTC/USDT' },
      },
    });
  await create(0);
  for (const i of [1, 2]) {
    seen.length = 0;
    tracing = true;
    const res = await create(i);
    tracing = false;
    console.log(`\ncreation ${i}: HTTP ${res.statusCode}, ${seen.length} statements`);
    for (const s of seen) console.log(`  ${s}`);
  }
  await app.close();
  await database.close();
} finally {
  await admin.pool.query(`drop database if exists ${name} with (force)`);
  await admin.close();
  await rm(dataDir, { recursive: true, force: true });
}
