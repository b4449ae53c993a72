import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents } from '../identity/schema.ts';
import { tickets } from '../tickets/schema.ts';

/** The inbox filters an agent saved under a name (the query string of the tickets list, as JSON). */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    filters: jsonb().$type<Record<string, string | string[]>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_filters_agent_name_key').on(t.agentId, t.name)],
);

/**
 * Who has a ticket open right now, and whether they are typing: refreshed by heartbeats, valid
 * until `expiresAt`. Kept in the database (not in one node's memory) so every node sees it.
 */
export const ticketPresence = pgTable(
  'ticket_presence',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    state: text().$type<'viewing' | 'typing'>().notNull(),
    since: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.agentId] }),
    index('ticket_presence_expiry_idx').on(t.expiresAt),
  ],
);
