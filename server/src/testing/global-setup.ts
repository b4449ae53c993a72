import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config/config.ts';
import { type Database, migrateDatabase, openPglite, openPostgres } from '../db/client.ts';
import { seedDemoDesk } from '../demo/seed.ts';
import { createLogger } from '../platform/logger.ts';

/**
 * Runs once per test run: builds a migrated database holding the demo desk, which every test file
 * then copies (a PGlite image, or a PostgreSQL template database), so each file starts clean in
 * a fraction of a second instead of migrating and seeding again.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-test-'));
  const pgUrl = process.env.KEFU_TEST_DATABASE_URL;
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    APP_SECRET: 'x'.repeat(40),
    CUSTOMER_JWT_SECRET: 'y'.repeat(40),
  });
  if (pgUrl) {
    const template = `kefu_template_${process.pid}`;
    const admin = await openPostgres(pgUrl, 1);
    if (admin.kind !== 'postgres') throw new Error('unreachable');
    await admin.pool.query(`drop database if exists ${template}`);
    await admin.pool.query(`create database ${template}`);
    const url = withDatabase(pgUrl, template);
    const database = await openPostgres(url, 4);
    await migrateDatabase(database);
    await seedThroughApp(config, database);
    await database.close();
    project.provide('kefuTemplate', { kind: 'postgres', value: template });
    return async () => {
      // Test databases are dropped by their files; the template goes last.
      await admin.pool.query(`drop database if exists ${template} with (force)`).catch(() => {});
      await admin.close();
    };
  }
  const database = await openPglite(null);
  if (database.kind !== 'pglite') throw new Error('unreachable');
  await migrateDatabase(database);
  await seedThroughApp(config, database);
  const image = await database.pglite.dumpDataDir('none');
  const path = join(dir, 'template.tar');
  await writeFile(path, Buffer.from(await image.arrayBuffer()));
  await database.close();
  project.provide('kefuTemplate', { kind: 'pglite', value: path });
}

/** Seeds as `npm start` does: with the app's job queue running, so the seed's notices are real jobs. */
async function seedThroughApp(config: Config, database: Database) {
  const { app, services } = await buildApp({ config, database, logger: createLogger('silent') });
  await app.ready();
  await seedDemoDesk(services, { onlyIfEmpty: false });
  await app.close();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    kefuTemplate: { kind: 'pglite' | 'postgres'; value: string };
  }
}
