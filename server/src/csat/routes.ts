import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { requireAgent, requireCustomer, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { resolveOwnTicketId, resolveTicketId } from '../tickets/queries.ts';
import { tickets } from '../tickets/schema.ts';
import { TicketRef } from '../tickets/schemas.ts';
import { getRating, rateByLink, rateTicket, signRatingToken, verifyRatingToken } from './rating.ts';

const RatingBody = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.String({ maxLength: 2000, default: '' }),
  },
  { additionalProperties: false },
);
const Token = Type.Object({ token: Type.String({ minLength: 40, maxLength: 100 }) });

/** Satisfaction: the customer rates a solved ticket (signed in, or by the mailed link). */
export function registerCsatRoutes(app: App, { db, jobs, config }: Services) {
  const tags = ['csat'];

  app.get(
    '/me/tickets/:id/rating',
    { schema: { tags, summary: 'My rating of this ticket', params: TicketRef } },
    async (request) => {
      const me = requireCustomer(request);
      const id = await resolveOwnTicketId(db, request.params.id, me.customerId);
      if (!id) throw new AppError('ticket_not_found');
      return { rating: await getRating(db, id) };
    },
  );

  app.put(
    '/me/tickets/:id/rating',
    {
      schema: {
        tags,
        summary: 'Rate (or re-rate, for 7 days) my solved ticket',
        params: TicketRef,
        body: RatingBody,
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const id = await resolveOwnTicketId(db, request.params.id, me.customerId);
      if (!id) throw new AppError('ticket_not_found');
      return { rating: await rateTicket(db, jobs, id, { ...request.body, via: 'customer' }) };
    },
  );

  app.get(
    '/tickets/:id/rating',
    { schema: { tags, summary: "The customer's rating of this ticket, if any (agents)", params: TicketRef } },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      return { rating: await getRating(db, id) };
    },
  );

  app.post(
    '/tickets/:id/rating-link',
    {
      schema: { tags, summary: 'A signed one-use rating link for this ticket (for mail)', params: TicketRef },
    },
    async (request) => {
      requireAgent(request);
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      const token = signRatingToken(config.appSecret, id);
      return { token, url: new URL(`/rate/${token}`, config.publicUrl).toString() };
    },
  );

  app.get(
    '/csat/:token',
    {
      config: { public: true },
      schema: { tags, summary: 'What a rating link is for (no sign-in)', params: Token },
    },
    async (request) => {
      const { ticketId } = verifyRatingToken(config.appSecret, request.params.token);
      const [ticket] = await db
        .select({ number: tickets.number, title: tickets.title, status: tickets.status })
        .from(tickets)
        .where(eq(tickets.id, ticketId));
      if (!ticket) throw new AppError('csat_link_invalid');
      return {
        ticket: { number: formatTicketNumber(ticket.number), title: ticket.title, status: ticket.status },
      };
    },
  );

  app.post(
    '/csat/:token',
    {
      config: { public: true },
      schema: { tags, summary: 'Rate through a mailed link (once)', params: Token, body: RatingBody },
    },
    async (request) => {
      const { score, comment } = request.body;
      return { rating: await rateByLink(db, jobs, config.appSecret, request.params.token, score, comment) };
    },
  );
}
