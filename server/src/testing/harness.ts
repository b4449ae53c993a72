import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { type BuildOptions, buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config/config.ts';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import { DEMO_SIGN_IN } from '../demo/seed.ts';
import { createApiToken } from '../identity/agents.ts';
import type { ApiScope } from '../identity/principal.ts';
import { createLogger } from '../platform/logger.ts';
import type { App, Services } from '../platform/services.ts';
import { withDatabase } from './global-setup.ts';

export const DEMO_PASSWORDS = {
  admin: DEMO_SIGN_IN,
  supervisor: { email: 'supervisor@lumen-exchange.example', password: 'kefu-demo-supervisor' },
  lin: { email: 'lin@lumen-exchange.example', password: 'kefu-demo-agent' },
  chen: { email: 'chen@lumen-exchange.example', password: 'kefu-demo-agent' },
  maya: { email: 'maya@lumen-exchange.example', password: 'kefu-demo-agent' },
  omar: { email: 'omar@lumen-exchange.example', password: 'kefu-demo-agent' },
} as const;

/** A fresh copy of the demo desk's database: PGlite by default, PostgreSQL with KEFU_TEST_DATABASE_URL. */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const template = inject('kefuTemplate');
  if (template.kind === 'postgres') {
    const base = process.env.KEFU_TEST_DATABASE_URL!;
    const name = `kefu_t_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(base, 1);
    if (admin.kind !== 'postgres') throw new Error('unreachable');
    await admin.pool.query(`create database ${name} template ${template.value}`);
    const database = await openPostgres(withDatabase(base, name), 10);
    return {
      database,
      async drop() {
        await admin.pool.query(`drop database if exists ${name} with (force)`);
        await admin.close();
      },
    };
  }
  const image = new Blob([await readFile(template.value)]);
  const database = await openPglite(null, image);
  return { database, drop: async () => {} };
}

export interface TestDesk {
  app: App;
  services: Services;
  config: Config;
  /** Signs in a demo agent; returns the cookie and CSRF headers to send. */
  signIn(who: keyof typeof DEMO_PASSWORDS): Promise<AgentAuth>;
  /** Opens a customer session for a host-app uid through a signed identity token. */
  customer(uid: string, claims?: Record<string, unknown>): Promise<CustomerAuth>;
  /** A signed identity token as the host app would make it. */
  identityToken(uid: string, claims?: Record<string, unknown>, expiresIn?: string): Promise<string>;
  apiToken(scopes: ApiScope[]): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

export interface AgentAuth {
  agentId: string;
  /** Headers for reads. */
  read: Record<string, string>;
  /** Headers for writes (adds the CSRF token). */
  write: Record<string, string>;
}

export interface CustomerAuth {
  customerId: string;
  headers: { authorization: string };
}

/** Builds the whole app on a fresh copy of the demo desk, ready for `app.inject()`. */
export async function createTestDesk(
  env: Record<string, string> = {},
  options: Pick<BuildOptions, 'botKnowledge' | 'chatLimits'> & {
    database?: Database;
    /** Where the app's logs go (at info level); by default they are silent. */
    logStream?: DestinationStream;
  } = {},
): Promise<TestDesk> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kefu-desk-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    APP_SECRET: 'test-app-secret-test-app-secret-0123456789',
    CUSTOMER_JWT_SECRET: 'test-customer-jwt-secret-0123456789abcdef',
    JOB_POLL_SECONDS: '0.5',
    // Tests share two cores with PGlite in-process: its lag is not a desk's overload. The overload
    // tests (chat/overload.test.ts) set their own limit.
    CHAT_ADMIT_MAX_LAG_MS: '60000',
    ...env,
  });
  // A given database is shared with other nodes of the same test; its owner closes it.
  const { database, drop } = options.database
    ? { database: options.database, drop: async () => {} }
    : await openTestDatabase();
  const ownsDatabase = !options.database;
  const { logStream, ...buildOptions } = options;
  const logger = logStream ? createLogger('info', logStream) : createLogger('silent');
  const { app, services } = await buildApp({ config, database, logger, ...buildOptions });
  await app.ready();
  const secret = new TextEncoder().encode(
    config.customerJwt.kind === 'hs256' ? config.customerJwt.secret : 'unused-unused-unused-unused-unused',
  );

  const identityToken = (uid: string, claims: Record<string, unknown> = {}, expiresIn = '5m') =>
    new SignJWT({ uid, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(secret);

  return {
    app,
    services,
    config,
    identityToken,
    async signIn(who) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: DEMO_PASSWORDS[who],
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const body = res.json() as { csrfToken: string; agent: { id: string } };
      const cookie = res.cookies.find((c) => c.name === 'kefu_session')!;
      const read = { cookie: `kefu_session=${cookie.value}` };
      return { agentId: body.agent.id, read, write: { ...read, 'x-csrf-token': body.csrfToken } };
    },
    async customer(uid, claims = {}) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/customer/session',
        payload: { identityToken: await identityToken(uid, claims) },
      });
      if (res.statusCode !== 201) throw new Error(`customer session failed: ${res.statusCode} ${res.body}`);
      const body = res.json() as { token: string; customer: { id: string } };
      return { customerId: body.customer.id, headers: { authorization: `Bearer ${body.token}` } };
    },
    async apiToken(scopes) {
      const { token } = await createApiToken(services.db, { name: 'test', scopes, createdBy: null });
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await app.close();
      if (ownsDatabase) await database.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (jobs run asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until no job of that name is waiting or running: what a write enqueued has been done (or
 * has failed for good), so a test can say that something did not happen.
 */
export async function jobsSettled(desk: TestDesk, name: string, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => {
    const result = (await desk.services.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = ${name} and state in ('created', 'retry', 'active')`,
    )) as unknown as { rows: Array<{ n: number }> };
    return result.rows[0]!.n === 0;
  }, timeoutMs);
}

/** Settings for tests that write many customer messages quickly (the civility limits would stop them). */
export const RELAXED_PACE = {
  CUSTOMER_MESSAGES_PER_10S: '10000',
  CUSTOMER_MESSAGES_PER_10MIN: '100000',
  CUSTOMER_REPEATS_PER_10MIN: '10000',
} as const;
