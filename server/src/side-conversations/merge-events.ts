import { and, inArray, isNull } from 'drizzle-orm';
import { attachments } from '../attachments/schema.ts';
import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import { mergedTicketIds } from '../tickets/merge-tickets.ts';
import { sideConversationAttachments, sideConversations } from './schema.ts';

/**
 * When tickets are merged, their side conversations (and those conversations' files) go to the
 * survivor, where agents now work; a later reply finds them by token or Message-ID as before. In
 * transaction: it only repoints rows of the merged tickets.
 */
export function subscribeSideConversationMerges(): void {
  subscribeToTicketEvents({
    name: 'side-conversations.merge',
    mode: 'in_transaction',
    events: ['ticket.merged'],
    async handle(tx, events) {
      for (const e of events) {
        const ids = mergedTicketIds(e);
        if (ids.length === 0) continue;
        await tx
          .update(attachments)
          .set({ ticketId: e.ticket.id })
          .where(
            and(
              inArray(attachments.ticketId, ids),
              isNull(attachments.messageId),
              inArray(
                attachments.id,
                tx.select({ id: sideConversationAttachments.attachmentId }).from(sideConversationAttachments),
              ),
            ),
          );
        await tx
          .update(sideConversations)
          .set({ ticketId: e.ticket.id })
          .where(inArray(sideConversations.ticketId, ids));
      }
    },
  });
}
