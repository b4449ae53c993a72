import { Type } from '@fastify/type-provider-typebox';
import { emailDetailsOfTicket } from '../channels/email/details.ts';
import { requireCustomer, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { expectedReply } from '../sla/expected-reply.ts';
import {
  getCustomerOfTicket,
  isTicketUuid,
  resolveOwnTicketId,
  resolveTicketId,
} from '../tickets/queries.ts';
import { TicketRef } from '../tickets/schemas.ts';
import { detailText, readEarlierMessages, readTicketDetail, THREAD_PAGE } from '../tickets/ticket-detail.ts';

/** Past every seq a thread can hold (an int4): the cursor of the newest page. */
const PAST_LAST_SEQ = 2_147_483_647;

/**
 * A ticket as its page shows it: the ticket's own detail (tickets/) with what capabilities built
 * on tickets add to the page: for agents the mail behind the ticket with each mail's authenticity
 * verdict (channels/email), for the customer when our next answer is due (sla/). These routes
 * live above those capabilities, so tickets/ imports none of them (tickets/layering.test.ts).
 */
export function registerTicketPageRoutes(app: App, { db }: Services) {
  app.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'A ticket with its thread, notes and history',
        params: TicketRef,
      },
    },
    async (request, reply) => {
      requireStaff(request, 'tickets:read');
      // An id is not looked up first (the detail query answers "no such ticket" itself), and the
      // detail, its customer and its mail are read at once: one wait instead of four.
      const ref = request.params.id;
      const id = isTicketUuid(ref) ? ref : await resolveTicketId(db, ref);
      if (!id) throw new AppError('ticket_not_found');
      const [detail, customer, email] = await Promise.all([
        readTicketDetail(db, id, 'staff'),
        getCustomerOfTicket(db, id),
        emailDetailsOfTicket(db, id),
      ]);
      if (!detail) throw new AppError('ticket_not_found');
      // The thread goes out as PostgreSQL wrote it (a 500-message thread is not parsed and written again).
      return reply.type('application/json; charset=utf-8').send(detailText(detail, { customer, email }));
    },
  );

  app.get(
    '/tickets/:id/messages',
    {
      schema: {
        tags: ['tickets'],
        summary: `Earlier messages of a ticket's thread, ${THREAD_PAGE} at a time`,
        description:
          `The ticket's detail carries the newest ${THREAD_PAGE} messages and \`earlierMessages\`, how many ` +
          'come before them. This gives the ones before `before` (a seq: the first message shown; without ' +
          'it, the newest), oldest first, with the count of those older still.',
        params: TicketRef,
        querystring: Type.Object(
          { before: Type.Optional(Type.Integer({ minimum: 1, maximum: PAST_LAST_SEQ })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      requireStaff(request, 'tickets:read');
      // Looked up first, uuid or number: a made-up ticket is "not found", never an empty page.
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      const page = await readEarlierMessages(db, id, request.query.before ?? PAST_LAST_SEQ);
      return reply
        .type('application/json; charset=utf-8')
        .send(`{"messages":${page.messages},"earlierMessages":${page.earlierMessages}}`);
    },
  );

  app.get(
    '/me/tickets/:id',
    { schema: { tags: ['customer'], summary: 'One of my tickets with its thread', params: TicketRef } },
    async (request, reply) => {
      const me = requireCustomer(request);
      const id = await resolveOwnTicketId(db, request.params.id, me.customerId);
      if (!id) throw new AppError('ticket_not_found');
      const [detail, expected] = await Promise.all([
        readTicketDetail(db, id, 'customer'),
        expectedReply(db, id),
      ]);
      if (!detail) throw new AppError('ticket_not_found');
      return reply
        .type('application/json; charset=utf-8')
        .send(detailText(detail, { expectedReply: expected }));
    },
  );
}
