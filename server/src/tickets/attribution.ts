import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { messages, ticketEvents, tickets } from './schema.ts';

/**
 * Who did the work on a ticket, read from its history rather than from whoever holds it now (a
 * ticket transferred after the first reply, or handed on after it was solved, keeps its credit
 * with the agents who did it). Each is a SQL expression giving an agent id as text, for a query
 * that has `tickets` in scope; it falls back to the current assignee when the history names no
 * agent (a chat the customer ended, solved by the system; a clock stopped without a reply).
 */

/** The agent of the latest public reply at or before `at`: the first / next response. */
export function respondedBy(at: SQL | AnyPgColumn): SQL<string | null> {
  return sql<string | null>`coalesce((
    select ${messages.authorId}::text from ${messages}
    where ${messages.ticketId} = ${tickets.id} and ${messages.authorType} = 'agent'
      and ${messages.visibility} = 'public' and ${messages.createdAt} <= ${at}
    order by ${messages.seq} desc limit 1), ${tickets.assigneeId}::text)`;
}

/** The agent who last set the ticket to solved at or before `at`. */
export function solvedBy(at: SQL | AnyPgColumn): SQL<string | null> {
  return sql<string | null>`coalesce((
    select ${ticketEvents.actorId}::text from ${ticketEvents}
    where ${ticketEvents.ticketId} = ${tickets.id} and ${ticketEvents.kind} = 'status'
      and ${ticketEvents.toValue} = to_jsonb('solved'::text) and ${ticketEvents.actorType} = 'agent'
      and ${ticketEvents.actorId} is not null and ${ticketEvents.createdAt} <= ${at}
    order by ${ticketEvents.seq} desc limit 1), ${tickets.assigneeId}::text)`;
}
