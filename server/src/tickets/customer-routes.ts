import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { requireCustomer } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { addMessage } from './add-message.ts';
import { createTicket } from './create-ticket.ts';
import { listTickets } from './list-query.ts';
import { openedTicketDetail } from './opened-detail.ts';
import { customerSummary, resolveOwnTicketId } from './queries.ts';
import { tickets } from './schema.ts';
import {
  AttachmentIds,
  ClientId,
  CreateTicketBody,
  idempotencyKeyOf,
  MessageBody,
  Pagination,
  StatusSchema,
  TicketRef,
} from './schemas.ts';
import { getTicketDetail } from './ticket-detail.ts';
import { updateTicket } from './update-ticket.ts';

/** The customer's own tickets: open one, follow it, reply with more evidence, close or reopen it. */
export function registerCustomerTicketRoutes(app: App, { db, jobs }: Services) {
  const tags = ['customer'];

  app.get(
    '/me/tickets',
    {
      schema: {
        tags,
        summary: 'My tickets, newest activity first',
        querystring: Type.Object({ status: Type.Optional(Type.Array(StatusSchema)), ...Pagination }),
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const { status, limit, offset, cursor, withTotal } = request.query;
      const page = await listTickets(
        db,
        { customerId: me.customerId, ...(status ? { status } : {}) },
        { limit, offset, cursor, withTotal },
      );
      return { ...page, items: page.items.map(customerSummary) };
    },
  );

  app.post(
    '/me/tickets',
    { schema: { tags, summary: 'Open a ticket', body: CreateTicketBody } },
    async (request, reply) => {
      const me = requireCustomer(request);
      const body = request.body;
      const result = await createTicket(db, jobs, {
        customerId: me.customerId,
        title: body.title.trim(),
        description: body.description,
        categoryId: body.categoryId ?? null,
        priority: body.priority ?? null,
        priorityFromStaff: false,
        fields: body.fields ?? {},
        attachmentIds: body.attachmentIds ?? [],
        channel: 'web',
        idempotencyKey: idempotencyKeyOf(request.headers['idempotency-key'], body.idempotencyKey),
        actor: { actorType: 'customer', actorId: me.customerId },
        uploader: { uploaderType: 'customer', uploaderId: me.customerId },
        lang: requestLanguage(request),
      });
      // Built from what the insert wrote (no read back); a retry reads the first ticket.
      const detail = result.opened
        ? openedTicketDetail(result.opened, 'customer')
        : await getTicketDetail(db, result.id, 'customer');
      return reply.status(result.created ? 201 : 200).send({ ...detail, safetyNotice: result.safetyNotice });
    },
  );

  app.post(
    '/me/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply on my ticket (a reply to a solved ticket reopens it)',
        params: TicketRef,
        body: Type.Object(
          {
            body: MessageBody,
            clientId: Type.Optional(ClientId),
            attachmentIds: Type.Optional(AttachmentIds),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireCustomer(request);
      const id = await resolveOwnTicketId(db, request.params.id, me.customerId);
      if (!id) throw new AppError('ticket_not_found');
      const message = await addMessage(db, jobs, {
        ticketId: id,
        authorType: 'customer',
        authorId: me.customerId,
        visibility: 'public',
        body: request.body.body,
        clientId: request.body.clientId ?? null,
        attachmentIds: request.body.attachmentIds ?? [],
        uploader: { uploaderType: 'customer', uploaderId: me.customerId },
      });
      return reply.status(message.duplicate ? 200 : 201).send({
        id: message.id,
        seq: message.seq,
        clientId: request.body.clientId ?? null,
        createdAt: message.createdAt.toISOString(),
        safetyNotice: message.safetyNotice,
      });
    },
  );

  app.post(
    '/me/tickets/:id/status',
    {
      schema: {
        tags,
        summary: 'Close my ticket, or reopen it after a solution',
        params: TicketRef,
        body: Type.Object({ status: StatusSchema }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const id = await resolveOwnTicketId(db, request.params.id, me.customerId);
      if (!id) throw new AppError('ticket_not_found');
      await updateTicket(
        db,
        jobs,
        id,
        { status: request.body.status },
        { actorType: 'customer', actorId: me.customerId },
      );
      const [row] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, id));
      return { status: row!.status };
    },
  );
}
