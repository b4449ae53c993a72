import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { TicketEventTypeSchema, TicketEventTypes } from '../tickets/schemas.ts';
import { RuleFields, registerRuleCrud } from './rule-routes.ts';
import { triggers } from './schema.ts';
import { dryRun, forgetTriggers, type TriggerRow } from './triggers.ts';

/** Triggers: admins list, write, order and dry-run them. */
export function registerTriggerRoutes(app: App, services: Services) {
  const { db } = services;
  const tags = ['automations'];
  const listAll = () => db.select().from(triggers).orderBy(asc(triggers.position), asc(triggers.createdAt));
  registerRuleCrud<TriggerRow>(app, services, {
    path: '/admin/triggers',
    auditName: 'trigger',
    notFound: 'trigger_not_found',
    summaries: {
      list: 'The triggers, in the order they run',
      create: 'Create a trigger',
      update: 'Change a trigger (its order with `position`)',
      remove: 'Delete a trigger',
    },
    startField: { name: 'events', schema: TicketEventTypes },
    list: listAll,
    insert: async (values) =>
      (
        await db
          .insert(triggers)
          .values(values as typeof triggers.$inferInsert)
          .returning()
      )[0]!,
    update: async (id, values) =>
      (await db.update(triggers).set(values).where(eq(triggers.id, id)).returning())[0],
    remove: async (id) =>
      (await db.delete(triggers).where(eq(triggers.id, id)).returning({ id: triggers.id })).length > 0,
    afterWrite: () => forgetTriggers(db),
  });

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
                  name: RuleFields.name,
                  events: TicketEventTypes,
                  match: Type.Optional(RuleFields.match),
                  conditions: Type.Optional(RuleFields.conditions),
                  actions: RuleFields.actions,
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
        : await listAll();
      const result = await dryRun(db, list, ticketId, request.body.event, request.body.actor ?? 'customer');
      if (!result) throw new AppError('ticket_not_found');
      return { items: result };
    },
  );
}
