import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agents } from '../identity/schema.ts';
import { tickets } from '../tickets/schema.ts';

/** One satisfaction rating per ticket (or chat's ticket), changeable for a few days. */
export const csatRatings = pgTable(
  'csat_ratings',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    /** The agent who solved the ticket (else its assignee) when it was rated (tickets/attribution.ts). */
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    teamId: uuid('team_id'),
    score: integer().notNull(),
    comment: text().notNull().default(''),
    /** 'customer' (signed in) or 'link' (the signed one-use mail link). */
    via: text().$type<'customer' | 'link'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('csat_ratings_score_range', sql`${t.score} between 1 and 5`)],
);

/** Rating links used once: the nonce of each signed link, so a replay is refused. */
export const csatLinkUses = pgTable('csat_link_uses', {
  nonce: text().primaryKey(),
  ticketId: uuid('ticket_id')
    .notNull()
    .references(() => tickets.id, { onDelete: 'cascade' }),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
});
