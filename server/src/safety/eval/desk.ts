import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/config.ts';
import { migrateDatabase, openPglite } from '../../db/client.ts';
import { seedDemoDesk } from '../../demo/seed.ts';
import { createLogger } from '../../platform/logger.ts';
import type { App, Services } from '../../platform/services.ts';

/**
 * The demo desk in an in-memory PGlite, for `npm run eval:safety`: the Verify and help-search
 * measures call the app the way a customer's browser does, against the demo's official channels,
 * hotlines and help articles (the tests use the harness's template copy of the same desk).
 */
export async function openEvalDesk(): Promise<{ app: App; services: Services; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-eval-'));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    APP_SECRET: 'e'.repeat(40),
    CUSTOMER_JWT_SECRET: 'f'.repeat(40),
  });
  const database = await openPglite(null);
  await migrateDatabase(database);
  const { app, services } = await buildApp({ config, database, logger: createLogger('silent') });
  await app.ready();
  await seedDemoDesk(services, { onlyIfEmpty: false });
  return {
    app,
    services,
    async close() {
      await app.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
