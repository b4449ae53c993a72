import { customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { SMALL_PENDING_LIST } from '../db/gin.ts';
import { tickets } from '../tickets/schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * What agent search looks in, one row per ticket, written in the transaction of the write that
 * changes it (search-index.ts). The vectors hold tokens as the help center makes them (jieba words,
 * Chinese character bigrams, English stems; 'simple' semantics, no positions) of the stored text —
 * after secrets were masked, so a masked secret is never findable.
 * - head: the title and the form's field values (a match there ranks above one in the thread);
 * - doc: head plus the description and every message of the thread, notes included;
 * - ids: lower-case identifiers for exact look-ups: `=value` for a field's whole value, and the
 *   hashes, withdrawal ids … found in the texts.
 * Customers' names, emails, phones and UIDs are matched on the customers table itself, so a
 * changed email is found at once without rewriting their tickets' rows.
 */
export const ticketSearch = pgTable(
  'ticket_search',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    head: tsvector().notNull(),
    doc: tsvector().notNull(),
    ids: text().array().notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_search_head_idx').using('gin', t.head).with(SMALL_PENDING_LIST),
    index('ticket_search_doc_idx').using('gin', t.doc).with(SMALL_PENDING_LIST),
    index('ticket_search_ids_idx').using('gin', t.ids).with(SMALL_PENDING_LIST),
  ],
);
