import { bigint, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { TicketStatus } from './model.ts';

/**
 * How many tickets hold each (status, team, assignee), kept by a trigger on `tickets` (migration
 * 0032) in the very statement that changes a ticket, so the inbox's side counts are exact at any
 * size without reading tickets. Each database backend adds to its own slot (its process id), so
 * concurrent writes never wait on one another's counter row; `foldViewCountSlots` folds the slots
 * into slot 0 now and then. A count is the sum over the slots.
 */
export const ticketViewCounts = pgTable(
  'ticket_view_counts',
  {
    status: text().$type<TicketStatus>().notNull(),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    slot: integer().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    unique('ticket_view_counts_key').on(t.status, t.teamId, t.assigneeId, t.slot).nullsNotDistinct(),
    index('ticket_view_counts_assignee_idx').on(t.assigneeId),
    index('ticket_view_counts_team_idx').on(t.teamId),
  ],
);
