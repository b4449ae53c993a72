import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import { requestRating } from './rating.ts';

/**
 * Staff solving a ticket (a chat that ended too) asks the customer to rate it: a `csat_request`
 * in the timeline, once per ticket. In transaction: one look-up and one history row, so the
 * request is in the timeline before the customer's notice of the solution (which runs after).
 */
export function subscribeRatingRequests(): void {
  subscribeToTicketEvents({
    name: 'csat.request',
    mode: 'in_transaction',
    events: ['status.changed'],
    async handle(tx, events) {
      for (const e of events) {
        if (e.type !== 'status.changed' || e.to !== 'solved') continue;
        if (e.actor.actorType === 'customer') continue;
        await requestRating(tx, e.ticket.id);
      }
    },
  });
}
