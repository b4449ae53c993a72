import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { CustomFieldValues, FieldFilterQuery } from '../custom-fields/api-schema.ts';
import { customFieldFilter } from '../custom-fields/values.ts';
import { findOrCreateCustomerByUid, upsertCustomerByUid } from '../customers/repository.ts';
import { agentTeams } from '../desk/schema.ts';
import { actorOf, requireStaff, type StaffPrincipal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { addMessage } from './add-message.ts';
import { createTicket } from './create-ticket.ts';
import { listTickets, SLA_FILTERS, TICKET_SORTS } from './list-query.ts';
import { openedTicketDetail } from './opened-detail.ts';
import { resolveTicketId } from './queries.ts';
import {
  AttachmentIds,
  ChannelSchema,
  ClientId,
  CreateTicketBody,
  idempotencyKeyOf,
  MessageBody,
  Pagination,
  PrioritySchema,
  StatusSchema,
  TicketRef,
  Uuid,
} from './schemas.ts';
import { getTicketDetail } from './ticket-detail.ts';
import { updateTicket } from './update-ticket.ts';
import { registerViewCountRoute } from './view-counts.ts';
import { requireTicketWork } from './work-access.ts';

function uploaderOf(p: StaffPrincipal) {
  return p.kind === 'agent'
    ? { uploaderType: 'agent' as const, uploaderId: p.agentId }
    : { uploaderType: 'integration' as const, uploaderId: p.tokenId };
}

/** The desk's side of tickets: agents in the workspace, integrations with a token. */
export function registerStaffTicketRoutes(app: App, { db, jobs }: Services) {
  const tags = ['tickets'];

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'List and filter tickets',
        querystring: Type.Object({
          status: Type.Optional(Type.Array(StatusSchema)),
          priority: Type.Optional(Type.Array(PrioritySchema)),
          categoryId: Type.Optional(Uuid),
          teamId: Type.Optional(Uuid),
          assignee: Type.Optional(
            Type.String({ description: 'An agent id, "me", or "none" for unassigned', maxLength: 40 }),
          ),
          tag: Type.Optional(Type.String({ maxLength: 64 })),
          channel: Type.Optional(ChannelSchema),
          customerId: Type.Optional(Uuid),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          sla: Type.Optional(Type.Union(SLA_FILTERS.map((f) => Type.Literal(f)))),
          ...FieldFilterQuery,
          myTeams: Type.Optional(
            Type.Boolean({ description: "Only tickets of the signed-in agent's teams" }),
          ),
          sort: Type.Optional(
            Type.Union(
              TICKET_SORTS.map((s) => Type.Literal(s)),
              {
                description:
                  'A column, `-` first for descending; `sla`: least time left first; default -lastActivityAt',
              },
            ),
          ),
          ...Pagination,
        }),
      },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:read');
      const { limit, offset, cursor, withTotal, assignee, myTeams, fieldKey, fieldValue, ...filters } =
        request.query;
      const customField =
        fieldKey !== undefined || fieldValue !== undefined
          ? await customFieldFilter(db, fieldKey, fieldValue, requestLanguage(request))
          : undefined;
      let assigneeFilter = assignee;
      if (assignee === 'me') {
        if (who.kind !== 'agent')
          throw new AppError('validation_failed', { detail: 'assignee=me needs an agent' });
        assigneeFilter = who.agentId;
      } else if (assignee && assignee !== 'none' && !/^[0-9a-f-]{36}$/i.test(assignee)) {
        throw new AppError('validation_failed', { detail: 'assignee must be an agent id, "me" or "none"' });
      }
      // The teams are read first, not inside the list's statement: a literal team id lets the
      // planner walk that team's index in order; an unknown list (an init plan) made it walk the
      // whole activity index filtering by team, slow for a small team.
      let teamIds: string[] | undefined;
      if (myTeams) {
        if (who.kind !== 'agent')
          throw new AppError('validation_failed', { detail: 'myTeams needs an agent' });
        const rows = await db
          .select({ teamId: agentTeams.teamId })
          .from(agentTeams)
          .where(eq(agentTeams.agentId, who.agentId));
        teamIds = rows.map((r) => r.teamId);
      }
      return listTickets(
        db,
        {
          ...filters,
          ...(assigneeFilter ? { assignee: assigneeFilter } : {}),
          ...(teamIds ? { teamIds } : {}),
          ...(customField ? { customField } : {}),
        },
        { limit, offset, cursor, withTotal },
      );
    },
  );

  registerViewCountRoute(app, db);

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: "Open a ticket for a customer (by the host app's UID)",
        body: Type.Object(
          {
            ...CreateTicketBody.properties,
            customer: Type.Object(
              {
                uid: Type.String({ minLength: 1, maxLength: 128 }),
                name: Type.Optional(Type.String({ maxLength: 200 })),
                email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
              },
              { additionalProperties: false },
            ),
            channel: Type.Optional(ChannelSchema),
            tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const who = requireStaff(request, 'tickets:write');
      const body = request.body;
      // Changing who a customer is (name, email: where their mail goes) needs customers:write;
      // a tickets:write token may name a customer, new or known, but not rewrite one (#20.12).
      const mayRewrite =
        who.kind !== 'integration' || who.scopes.includes('customers:write') || who.scopes.includes('admin');
      const customer = mayRewrite
        ? await upsertCustomerByUid(db, body.customer)
        : await findOrCreateCustomerByUid(db, body.customer);
      const result = await createTicket(db, jobs, {
        customerId: customer.id,
        title: body.title.trim(),
        description: body.description,
        categoryId: body.categoryId ?? null,
        priority: body.priority ?? null,
        priorityFromStaff: true,
        fields: body.fields ?? {},
        attachmentIds: body.attachmentIds ?? [],
        channel: body.channel ?? 'api',
        idempotencyKey: idempotencyKeyOf(request.headers['idempotency-key'], body.idempotencyKey),
        actor: actorOf(who),
        uploader: uploaderOf(who),
        lang: requestLanguage(request),
        ...(body.tags ? { tags: body.tags } : {}),
      });
      // Built from what the insert wrote (no read back); a retry reads the first ticket.
      const detail = result.opened
        ? openedTicketDetail(result.opened, 'staff')
        : await getTicketDetail(db, result.id, 'staff');
      return reply.status(result.created ? 201 : 200).send(detail);
    },
  );

  app.post(
    '/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply in public, or add an internal note',
        params: TicketRef,
        body: Type.Object(
          {
            body: MessageBody,
            visibility: Type.Union([Type.Literal('public'), Type.Literal('internal')], { default: 'public' }),
            clientId: Type.Optional(ClientId),
            attachmentIds: Type.Optional(AttachmentIds),
            thenStatus: Type.Optional(StatusSchema),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      const actor = actorOf(who);
      const message = await addMessage(db, jobs, {
        ticketId: id,
        authorType: actor.actorType === 'agent' ? 'agent' : 'integration',
        authorId: actor.actorId,
        visibility: request.body.visibility,
        body: request.body.body,
        clientId: request.body.clientId ?? null,
        attachmentIds: request.body.attachmentIds ?? [],
        uploader: uploaderOf(who),
        ...(request.body.thenStatus ? { thenStatus: request.body.thenStatus } : {}),
      });
      return reply.status(message.duplicate ? 200 : 201).send({
        id: message.id,
        seq: message.seq,
        clientId: request.body.clientId ?? null,
        createdAt: message.createdAt.toISOString(),
      });
    },
  );

  app.patch(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary:
          'Change status, priority, category (re-routes the team), team, assignee, tags or custom fields',
        params: TicketRef,
        body: Type.Object(
          {
            status: Type.Optional(StatusSchema),
            priority: Type.Optional(PrioritySchema),
            categoryId: Type.Optional(Uuid),
            teamId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            assigneeId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
            customFields: Type.Optional(CustomFieldValues),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:write');
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      // Custom fields follow the desk's team rule, as macros do: an agent sets them on tickets
      // they may work (their teams', unteamed ones, their own).
      if (request.body.customFields) await requireTicketWork(db, who, [id]);
      await updateTicket(db, jobs, id, request.body, actorOf(who), requestLanguage(request));
      return getTicketDetail(db, id, 'staff');
    },
  );
}
