import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tickets } from '../tickets/schema.ts';

/**
 * An incident (problem ticket): a ticket that stands for one outage ("TRC20 withdrawals
 * delayed"). Other tickets link to it; a public reply on it reaches every linked customer, and
 * solving it solves them. While open and `public`, its banner shows on the contact page and in
 * the bot's answers, so customers need not write at all.
 */
export const incidents = pgTable('incidents', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => tickets.id, { onDelete: 'cascade' }),
  public: boolean().notNull().default(false),
  bannerZh: text('banner_zh').notNull().default(''),
  bannerEn: text('banner_en').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A ticket linked to an incident (one incident at a time). */
export const incidentLinks = pgTable(
  'incident_links',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.ticketId, { onDelete: 'cascade' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_links_incident_idx').on(t.incidentId)],
);

/**
 * The translations of a reply written on an incident for its linked customers, keyed by the
 * incident's message: the broadcast job picks each customer's language from it.
 */
export const incidentReplies = pgTable('incident_replies', {
  messageId: uuid('message_id').primaryKey(),
  incidentId: uuid('incident_id')
    .notNull()
    .references(() => incidents.ticketId, { onDelete: 'cascade' }),
  zh: text().notNull(),
  en: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
