import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config/config.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { seedDemoDesk } from './demo/seed.ts';
import { warmHelpSearch } from './help/warm-up.ts';
import { warmSafetyScreens } from './safety/warm-up.ts';
import { backfillTicketSearch } from './ticket-search/backfill.ts';

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
