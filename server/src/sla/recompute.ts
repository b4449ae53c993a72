import { eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import { tickets } from '../tickets/schema.ts';
import { refreshTicketSla } from './refresh.ts';

/** After a policy or calendar changes, every ticket not closed gets its due times again. */
export const slaRecompute = defineJob<{ reason: string }>({
  name: 'sla.recompute',
  retryLimit: 3,
  retryDelaySeconds: 30,
});

/**
 * Recomputes the clocks of every ticket that is not closed, one short transaction per ticket
 * (holding the ticket row like the write paths do), so the desk keeps working meanwhile. The list
 * is read once, so a ticket may have been closed or merged away since: under its lock it is read
 * again and left alone if closed (recomputing a merged ticket, whose thread has moved, would
 * start its clocks again), and the clocks are read at that moment, not at the job's start.
 */
export async function recomputeOpenTickets(db: Db, at?: Date): Promise<number> {
  const open = await db.select({ id: tickets.id }).from(tickets).where(ne(tickets.status, 'closed'));
  return recomputeListed(
    db,
    open.map((t) => t.id),
    at,
  );
}

/** The per-ticket part of the above, for tickets listed earlier; returns how many it recomputed. */
export async function recomputeListed(db: Db, ids: readonly string[], at?: Date): Promise<number> {
  let recomputed = 0;
  for (const id of ids) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ status: tickets.status })
        .from(tickets)
        .where(eq(tickets.id, id))
        .for('update');
      if (!row || row.status === 'closed') return;
      await refreshTicketSla(tx, id, at ?? new Date());
      recomputed++;
    });
  }
  return recomputed;
}
