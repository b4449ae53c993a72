import { Type } from '@fastify/type-provider-typebox';
import { asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import { type Action, ActionList } from './actions.ts';
import { ConditionList } from './conditions.ts';
import { checkFieldActions } from './field-actions.ts';
import { dueTickets, type TimeRuleRow } from './time-rules.ts';
import { timeRules } from './time-schema.ts';
import { TimeRuleWhenSchema } from './time-when.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  active: Type.Boolean(),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
  when: TimeRuleWhenSchema,
  match: Type.Union([Type.Literal('all'), Type.Literal('any')]),
  conditions: ConditionList,
  actions: Type.Array(ActionList.items, { minItems: 1, maxItems: 20 }),
};

/** A webhook action sends the event that fired a trigger; a time rule has no event to send. */
function checkActions(actions: readonly Action[] | undefined) {
  if (actions?.some((a) => a.type === 'webhook')) {
    throw new AppError('validation_failed', { detail: 'actions: a time rule cannot send a webhook' });
  }
}

function present(row: TimeRuleRow) {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    position: row.position,
    when: row.when,
    match: row.match,
    conditions: row.conditions,
    actions: row.actions,
    fireCount: row.fireCount,
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Time-based automations: admins list, write and order them, and see which tickets are due now. */
export function registerTimeRuleRoutes(app: App, { db }: Services) {
  const tags = ['automations'];

  app.get(
    '/admin/time-rules',
    { schema: { tags, summary: 'The time-based automations, in the order they run' } },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await db
        .select()
        .from(timeRules)
        .orderBy(asc(timeRules.position), asc(timeRules.createdAt));
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/admin/time-rules',
    {
      schema: {
        tags,
        summary: 'Create a time-based automation',
        body: Type.Object(
          {
            name: Fields.name,
            active: Type.Optional(Fields.active),
            position: Type.Optional(Fields.position),
            when: Fields.when,
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
      checkActions(request.body.actions);
      await checkFieldActions(db, request.body.actions, requestLanguage(request));
      const [row] = await db
        .insert(timeRules)
        .values({ ...request.body, createdBy: me.agentId })
        .returning();
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'time_rule.create',
        targetType: 'time_rule',
        targetId: row!.id,
      });
      return reply.status(201).send(present(row!));
    },
  );

  app.patch(
    '/admin/time-rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a time-based automation (its order with `position`)',
        params: IdParam,
        body: Type.Partial(Type.Object(Fields), { additionalProperties: false, minProperties: 1 }),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      checkActions(request.body.actions);
      if (request.body.actions) await checkFieldActions(db, request.body.actions, requestLanguage(request));
      const [row] = await db
        .update(timeRules)
        .set({ ...request.body, updatedAt: new Date() })
        .where(eq(timeRules.id, request.params.id))
        .returning();
      if (!row) throw new AppError('time_rule_not_found');
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'time_rule.update',
        targetType: 'time_rule',
        targetId: row.id,
      });
      return present(row);
    },
  );

  app.delete(
    '/admin/time-rules/:id',
    { schema: { tags, summary: 'Delete a time-based automation', params: IdParam } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rows = await db
        .delete(timeRules)
        .where(eq(timeRules.id, request.params.id))
        .returning({ id: timeRules.id });
      if (!rows[0]) throw new AppError('time_rule_not_found');
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'time_rule.delete',
        targetType: 'time_rule',
        targetId: request.params.id,
      });
      return { ok: true };
    },
  );

  app.get(
    '/admin/time-rules/:id/due',
    {
      schema: {
        tags,
        summary:
          'The tickets this rule is due for now (or `at`) and has not fired on, before its conditions; nothing is written',
        params: IdParam,
        querystring: Type.Object(
          { at: Type.Optional(Type.String({ format: 'date-time' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      const at = request.query.at ? new Date(request.query.at) : new Date();
      const [rule] = await db.select().from(timeRules).where(eq(timeRules.id, request.params.id));
      if (!rule) throw new AppError('time_rule_not_found');
      const due = await dueTickets(db, rule, at);
      // One query for the numbers and titles of the first 100, not one per ticket.
      const shown = due.slice(0, 100);
      const rows = shown.length
        ? await db
            .select({ id: tickets.id, number: tickets.number, title: tickets.title })
            .from(tickets)
            .where(
              inArray(
                tickets.id,
                shown.map((d) => d.ticketId),
              ),
            )
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const items = shown.flatMap((d) => {
        const t = byId.get(d.ticketId);
        return t
          ? [
              {
                ticketId: d.ticketId,
                number: formatTicketNumber(t.number),
                title: t.title,
                occurrence: d.occurrence,
                dueAt: d.dueAt.toISOString(),
              },
            ]
          : [];
      });
      return { total: due.length, items };
    },
  );
}
