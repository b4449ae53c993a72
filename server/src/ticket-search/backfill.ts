import type { Logger } from 'pino';
import type { Executor } from '../db/client.ts';
import { reindexTickets } from './reindex.ts';

/**
 * After the migration that created ticket_search, tickets written before it have no row: they are
 * indexed here in the background, in batches, with progress in the log (a big desk may prefer
 * `npx kefu search reindex` before starting). New writes index themselves meanwhile; until a
 * ticket's row exists only its number, customer and identifiers find it.
 */
export async function backfillTicketSearch(db: Executor, logger: Logger): Promise<void> {
  let logged = 0;
  try {
    const done = await reindexTickets(db, {
      missingOnly: true,
      onProgress: ({ done, total }) => {
        if (total === 0 || done - logged < 5000) return;
        logged = done;
        logger.info({ done, total }, 'ticket search backfill');
      },
    });
    if (done) logger.info({ tickets: done }, 'ticket search backfill done');
  } catch (err) {
    // The next start carries on where this one stopped (rows are written batch by batch).
    logger.warn({ err }, 'ticket search backfill stopped');
  }
}
