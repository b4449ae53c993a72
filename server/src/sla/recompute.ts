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
 * (holding the ticket row like the write paths do), so the desk keeps working meanwhile.
 */
export async function recomputeOpenTickets(db: Db, now = new Date()): Promise<number> {
  const open = await db.select({ id: tickets.id }).from(tickets).where(ne(tickets.status, 'closed'));
  for (const { id } of open) {
    await db.transaction(async (tx) => {
      await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, id)).for('update');
      await refreshTicketSla(tx, id, now);
    });
  }
  return open.length;
}
