import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { type Config, redactUrl } from './config/config.ts';
import { type Database, migrateDatabase, openPglite, openPostgres } from './db/client.ts';
import { seedDemoDesk } from './demo/seed.ts';
import { warmHelpSearch } from './help/warm-up.ts';
import { warmSafetyScreens } from './safety/warm-up.ts';
import { backfillTicketSearch } from './ticket-search/backfill.ts';

/** Opens the configured database (PGlite in DATA_DIR unless DATABASE_URL is set) and migrates it. */
export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config.databasePoolSize, databaseErrorLog(logger))
    : await openPglite(join(config.dataDir, 'pg'));
  logger.info(
    {
      database: database.kind,
      where: config.databaseUrl ? redactUrl(config.databaseUrl) : join(config.dataDir, 'pg'),
    },
    'database opened',
  );
  await migrateDatabase(database);
  return database;
}

/** Everything `npm start` does before listening: database, migrations, demo desk, the app. */
export async function boot(config: Config, logger: Logger) {
  const database = await openConfiguredDatabase(config, logger);
  const { app, services } = await buildApp({ config, database, logger });
  // Ready first: the job queue must run, since the demo's replies notify customers like real ones.
  await app.ready();
  if (config.seedDemo) {
    const seeded = await seedDemoDesk(services, { onlyIfEmpty: true });
    if (seeded) logger.info('demo desk seeded');
  }
  // Before listening, so /readyz (and a load balancer) sees the node only once search is fast.
  await warmHelpSearch(services.db, logger);
  warmSafetyScreens(logger);
  // Tickets from before the search index: in the background, not in the way of the first requests.
  void backfillTicketSearch(services.db, logger);
  return { app, services, database };
}

/**
 * A connection that lost its server (a restart, a failover, pg_terminate_backend): logged once a
 * burst (a restart drops every connection at once), never fatal.
 */
function databaseErrorLog(logger: Logger): (err: Error) => void {
  let lastAt = 0;
  let since = 0;
  return (err) => {
    const now = Date.now();
    since++;
    if (now - lastAt < 5000) return;
    lastAt = now;
    logger.warn({ err, connectionsLost: since }, 'database connection lost; it is replaced on next use');
    since = 0;
  };
}
