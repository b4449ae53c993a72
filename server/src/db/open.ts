import { join } from 'node:path';
import type { Logger } from 'pino';
import { type Config, redactUrl } from '../config/config.ts';
import { type Database, migrateDatabase, openPglite, openPostgres } from './client.ts';

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
