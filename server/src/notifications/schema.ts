import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.ts';
import { tickets } from '../tickets/schema.ts';

/** The customer's in-app inbox (站内信). */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    /** The source of this entry (e.g. the agent reply's message id), so a retried job adds it once. */
    sourceId: text('source_id').notNull(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('inbox_messages_customer_idx').on(t.customerId, t.createdAt),
    uniqueIndex('inbox_messages_source_key').on(t.kind, t.sourceId),
  ],
);
