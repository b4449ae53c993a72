import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import { ticketSearch } from './schema.ts';
import { indexTicketsText, type SearchAddition } from './search-index.ts';
import { ticketSearchRow } from './tokens.ts';

/**
 * A tsvector in PostgreSQL's text form ('lexeme' 'lexeme' …, no positions, as array_to_tsvector
 * makes): the new ticket's insert reads its contributors' rows through jsonb_populate_recordset,
 * which parses each value with the column type's input function.
 */
export function tsvectorLiteral(lexemes: readonly string[]): string {
  return lexemes.map((l) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}

/**
 * Agent search follows the thread: a new ticket's search row is written by the ticket's own
 * insert (title, description, form answers), every later message adds its (already masked) text
 * in the write's transaction, and so do custom field values set later. In transaction: it writes only the ticket's own search row.
 */
export function subscribeTicketSearch(): void {
  subscribeToTicketEvents({
    name: 'ticket-search.index',
    mode: 'in_transaction',
    events: ['message.added', 'fields.changed'],
    async handle(tx, events) {
      await indexTicketsText(
        tx,
        events.flatMap((e): SearchAddition[] => {
          if (e.type === 'message.added') return [{ ticketId: e.ticket.id, texts: [e.message.body] }];
          // Custom field values (already masked): their words join the head, a whole value the ids.
          if (e.type === 'fields.changed' && e.to && typeof e.to === 'object')
            return [{ ticketId: e.ticket.id, fields: e.to as Record<string, unknown> }];
          return [];
        }),
      );
    },
    newTicketRows: {
      table: ticketSearch,
      columns: ['ticket_id', 'head', 'doc', 'ids'],
      async rows(_db, draft) {
        const row = ticketSearchRow({ title: draft.title, fields: draft.fields, texts: [draft.description] });
        return {
          rows: [
            {
              ticket_id: draft.id,
              head: tsvectorLiteral(row.head),
              doc: tsvectorLiteral(row.doc),
              ids: row.ids,
            },
          ],
        };
      },
    },
  });
}
