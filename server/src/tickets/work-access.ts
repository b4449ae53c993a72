import { and, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { agentTeams } from '../desk/schema.ts';
import type { StaffPrincipal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { formatTicketNumber } from './model.ts';
import { tickets } from './schema.ts';

/**
 * Who may work a ticket with the desk's heavier tools (macros, incidents, bulk actions): an agent
 * works the tickets of their own teams, tickets no team holds yet, and tickets assigned to them;
 * supervisors, admins and integration tokens (already checked for their scope) work every ticket.
 * A lone agent of the account team must not solve a hundred withdrawal tickets with one click.
 */
export function worksEverything(who: StaffPrincipal): boolean {
  return who.kind === 'integration' || who.role !== 'agent';
}

/** The condition "an agent may work this ticket", for list filters and checks. */
export function workableBy(agentId: string): SQL {
  return or(
    sql`${tickets.teamId} is null`,
    eq(tickets.assigneeId, agentId),
    inArray(
      tickets.teamId,
      sql`(select ${agentTeams.teamId} from ${agentTeams} where ${agentTeams.agentId} = ${agentId})`,
    ),
  )!;
}

/** Refuses (403 `ticket_other_team`) when any of the tickets is outside what `who` may work. */
export async function requireTicketWork(
  ex: Executor,
  who: StaffPrincipal,
  ticketIds: readonly string[],
): Promise<void> {
  if (worksEverything(who) || ticketIds.length === 0 || who.kind !== 'agent') return;
  const [refused] = await ex
    .select({ number: tickets.number })
    .from(tickets)
    .where(
      and(
        inArray(tickets.id, [...ticketIds]),
        isNotNull(tickets.teamId),
        // "is not true": an unassigned ticket makes the assignee test null, not false.
        sql`(${workableBy(who.agentId)}) is not true`,
      ),
    )
    .limit(1);
  if (refused) throw new AppError('ticket_other_team', { ticket: formatTicketNumber(refused.number) });
}
