import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Jobs } from '../platform/jobs.ts';
import { tickets } from '../tickets/schema.ts';
import { updateTicket } from '../tickets/update-ticket.ts';

/** Tickets still waiting on someone: these go back to their team's queue when their agent leaves. */
const OPEN_WORK = ['new', 'open', 'pending', 'on_hold'] as const;

/**
 * Hands a departing agent's open tickets back to their teams' queues (assignee cleared, each change
 * in the ticket's history as done by the admin). Their live chats go back through the chat node.
 */
export async function handBackOpenTickets(
  db: Db,
  jobs: Jobs,
  agentId: string,
  adminId: string,
): Promise<number> {
  const held = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.assigneeId, agentId), inArray(tickets.status, [...OPEN_WORK])));
  for (const t of held) {
    await updateTicket(db, jobs, t.id, { assigneeId: null }, { actorType: 'agent', actorId: adminId });
  }
  return held.length;
}
