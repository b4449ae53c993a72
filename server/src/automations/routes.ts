import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { TicketEventTypeSchema, TicketEventTypes } from '../tickets/schemas.ts';
import { ActionList } from './actions.ts';
import { ConditionList } from './conditions.ts';
import { checkFieldActions } from './field-actions.ts';
import { triggers } from './schema.ts';
import { dryRun, forgetTriggers, type TriggerRow } from './triggers.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  active: Type.Boolean(),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
  events: TicketEventTypes,
  match: Type.Union([Type.Literal('all'), Type.Literal('any')]),
  conditions: ConditionList,
  actions: Type.Array(ActionList.items, { minItems: 1, maxItems: 20 }),
};

function present(row: TriggerRow) {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    position: row.position,
    events: row.events,
    match: row.match,
    conditions: row.conditions,
    actions: row.actions,
    fireCount: row.fireCount,
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Triggers: admins list, write, order and dry-run them. */
export function registerTriggerRoutes(app: App, { db }: Services) {
  const tags = ['automations'];

  app.get(
    '/admin/triggers',
    { schema: { tags, summary: 'The triggers, in the order they run' } },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await db.select().from(triggers).orderBy(asc(triggers.position), asc(triggers.createdAt));
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/admin/triggers',
    {
      schema: {
        tags,
        summary: 'Create a trigger',
        body: Type.Object(
          {
            name: Fields.name,
            active: Type.Optional(Fields.active),
            position: Type.Optional(Fields.position),
            events: Fields.events,
            match: Type.Optional(Fields.match),
            conditions: Type.Optional(Fields.conditions),
            actions: Fields.actions,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request, 'admin');
      await checkFieldActions(db, request.body.actions, requestLanguage(request));
      const [row] = await db
        .insert(triggers)
        .values({ ...request.body, createdBy: me.agentId })
        .returning();
      forgetTriggers(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'trigger.create',
        targetType: 'trigger',
        targetId: row!.id,
      });
      return reply.status(201).send(present(row!));
    },
  );

  app.patch(
    '/admin/triggers/:id',
    {
      schema: {
        tags,
        summary: 'Change a trigger (its order with `position`)',
        params: IdParam,
        body: Type.Partial(Type.Object(Fields), { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      if (request.body.actions) await checkFieldActions(db, request.body.actions, requestLanguage(request));
      const [row] = await db
        .update(triggers)
        .set({ ...request.body, updatedAt: new Date() })
        .where(eq(triggers.id, request.params.id))
        .returning();
      if (!row) throw new AppError('trigger_not_found');
      forgetTriggers(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'trigger.update',
        targetType: 'trigger',
        targetId: row.id,
      });
      return present(row);
    },
  );

  app.delete(
    '/admin/triggers/:id',
    { schema: { tags, summary: 'Delete a trigger', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .delete(triggers)
        .where(eq(triggers.id, request.params.id))
        .returning({ id: triggers.id });
      if (!rows[0]) throw new AppError('trigger_not_found');
      forgetTriggers(db);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'trigger.delete',
        targetType: 'trigger',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );

  app.post(
    '/admin/triggers/dry-run',
    {
      schema: {
        tags,
        summary:
          'What the triggers (or one, unsaved) would do for an event on an existing ticket; nothing is written',
        body: Type.Object(
          {
            ticket: Type.String({ minLength: 1, maxLength: 64 }),
            event: TicketEventTypeSchema,
            actor: Type.Optional(
              Type.Union([
                Type.Literal('customer'),
                Type.Literal('agent'),
                Type.Literal('integration'),
                Type.Literal('system'),
              ]),
            ),
            /** A trigger being edited, tried before it is saved. */
            trigger: Type.Optional(
              Type.Object(
                {
                  name: Fields.name,
                  events: Fields.events,
                  match: Type.Optional(Fields.match),
                  conditions: Type.Optional(Fields.conditions),
                  actions: Fields.actions,
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      const ticketId = await resolveTicketId(db, request.body.ticket);
      if (!ticketId) throw new AppError('ticket_not_found');
      const draft = request.body.trigger;
      const list: TriggerRow[] = draft
        ? [
            {
              id: '00000000-0000-0000-0000-000000000000',
              active: true,
              position: 0,
              match: 'all',
              conditions: [],
              fireCount: 0,
              lastFiredAt: null,
              createdBy: null,
              createdAt: new Date(),
              updatedAt: new Date(),
              ...draft,
            },
          ]
        : await db.select().from(triggers).orderBy(asc(triggers.position), asc(triggers.createdAt));
      const result = await dryRun(db, list, ticketId, request.body.event, request.body.actor ?? 'customer');
      if (!result) throw new AppError('ticket_not_found');
      return { items: result };
    },
  );
}
