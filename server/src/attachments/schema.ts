import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { messages, tickets } from '../tickets/schema.ts';

/**
 * A file checked by its content. It belongs to its uploader until a ticket or message links it;
 * from then on whoever may see the ticket may download it.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    /** Decided from the bytes, never from the name or the declared type. */
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text().notNull(),
    uploaderType: text('uploader_type').$type<'customer' | 'agent' | 'integration' | 'system'>().notNull(),
    uploaderId: uuid('uploader_id'),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId), index('attachments_uploader_idx').on(t.uploaderId)],
);
