import { inArray } from 'drizzle-orm';
import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import type { MergedRecord } from '../tickets/merge-tickets.ts';
import { emailMessages } from './email/schema.ts';
import { channelDeliveries } from './schema.ts';

/**
 * When tickets are merged, their mails and platform deliveries belong to the survivor: a reply in
 * the mail thread of a merged ticket then finds the survivor. In transaction: it only repoints the
 * channels' own rows of the merged tickets.
 */
export function subscribeChannelMerges(): void {
  subscribeToTicketEvents({
    name: 'channels.merge',
    mode: 'in_transaction',
    events: ['ticket.merged'],
    async handle(tx, events) {
      for (const e of events) {
        const ids = ((e.type === 'ticket.merged' ? (e.to as MergedRecord | null) : null)?.from ?? []).map(
          (f) => f.id,
        );
        if (ids.length === 0) continue;
        await tx
          .update(emailMessages)
          .set({ ticketId: e.ticket.id })
          .where(inArray(emailMessages.ticketId, ids));
        await tx
          .update(channelDeliveries)
          .set({ ticketId: e.ticket.id })
          .where(inArray(channelDeliveries.ticketId, ids));
      }
    },
  });
}
