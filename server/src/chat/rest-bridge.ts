import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import type { ChatService } from './service.ts';

/** The ticket REST routes that can grow a timeline. */
const TIMELINE_ROUTES = new Set([
  'POST /api/v1/tickets/:id/messages',
  'PATCH /api/v1/tickets/:id',
  'POST /api/v1/me/tickets/:id/messages',
  'POST /api/v1/me/tickets/:id/status',
  // A rating records a csat_rating event: the chat page on the customer's other devices hears it.
  'PUT /api/v1/me/tickets/:id/rating',
]);

/**
 * A chat is a ticket, so an agent may answer it from the ticket screens (REST) too: after such a
 * write succeeds, the chat's sockets are told, as for a write made over the WebSocket.
 */
export function bridgeTicketRoutes(app: App, { db }: Services, chat: ChatService) {
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 300) return;
    if (!TIMELINE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return;
    const ref = (request.params as { id?: string }).id;
    if (!ref) return;
    const ticketId = await resolveTicketId(db, ref).catch(() => null);
    if (!ticketId || !(await chat.chatOf(ticketId))) return;
    await chat.announce(ticketId).catch(() => {});
  });
}
