import type { Logger } from 'pino';
import { sweepUnusedVisitors } from '../customers/visitors.ts';
import type { Db } from '../db/client.ts';
import { deleteExpiredSessions } from './sessions.ts';
import { deleteForgottenLimits } from './throttle.ts';
import { deleteExpiredTokenIds } from './used-tokens.ts';

const SWEEP_EVERY_MS = 10 * 60_000;

/** Removes everything of identity that can no longer be used, in one pass; safe on any number of nodes. */
export async function sweepIdentity(db: Db): Promise<void> {
  await deleteExpiredSessions(db);
  await sweepUnusedVisitors(db);
  await deleteExpiredTokenIds(db);
  await deleteForgottenLimits(db);
}

/**
 * Each node sweeps every ten minutes (and once shortly after start): expired sessions, visitors
 * that never used their session, used identity-token ids past their expiry, forgotten sign-in
 * failures. Every step is a plain delete of rows nobody can use, so nodes sweeping at once only
 * share the work; a failed sweep is logged and tried again next time.
 */
export function identityHousekeeping(db: Db, logger: Logger) {
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  const run = () => {
    sweepIdentity(db).catch((err) => logger.warn({ err }, 'identity housekeeping failed'));
  };
  return {
    start() {
      first = setTimeout(run, 30_000);
      first.unref();
      timer = setInterval(run, SWEEP_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (first) clearTimeout(first);
      if (timer) clearInterval(timer);
      first = timer = null;
    },
  };
}
