import { and, between, eq } from 'drizzle-orm';
import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import type { MergedRecord } from '../tickets/merge-tickets.ts';
import { messages } from '../tickets/schema.ts';
import { indexTicketsText } from './search-index.ts';

/**
 * A merged ticket's title and thread become searchable on the survivor. In transaction: it adds
 * to the survivor's own search row.
 */
export function subscribeTicketSearchMerges(): void {
  subscribeToTicketEvents({
    name: 'ticket-search.merge',
    mode: 'in_transaction',
    events: ['ticket.merged'],
    async handle(tx, events) {
      for (const e of events) {
        const from = (e.type === 'ticket.merged' ? (e.to as MergedRecord | null) : null)?.from ?? [];
        for (const f of from) {
          const moved = await tx
            .select({ body: messages.body })
            .from(messages)
            .where(and(eq(messages.ticketId, e.ticket.id), between(messages.seq, f.seqs[0], f.seqs[1])));
          await indexTicketsText(tx, [
            { ticketId: e.ticket.id, title: f.title, texts: moved.map((m) => m.body) },
          ]);
        }
      }
    },
  });
}
