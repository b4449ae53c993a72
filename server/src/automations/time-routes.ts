import { Type } from '@fastify/type-provider-typebox';
import { asc, eq, inArray } from 'drizzle-orm';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import type { Action } from './actions.ts';
import { RuleIdParam, registerRuleCrud } from './rule-routes.ts';
import { dueTickets, type TimeRuleRow } from './time-rules.ts';
import { timeRules } from './time-schema.ts';
import { TimeRuleWhenSchema } from './time-when.ts';

/** A webhook action sends the event that fired a trigger; a time rule has no event to send. */
function checkActions(actions: readonly Action[] | undefined) {
  if (actions?.some((a) => a.type === 'webhook')) {
    throw new AppError('validation_failed', { detail: 'actions: a time rule cannot send a webhook' });
  }
}

/** Time-based automations: admins list, write and order them, and see which tickets are due now. */
export function registerTimeRuleRoutes(app: App, services: Services) {
  const { db } = services;
  const tags = ['automations'];
  registerRuleCrud<TimeRuleRow>(app, services, {
    path: '/admin/time-rules',
    auditName: 'time_rule',
    notFound: 'time_rule_not_found',
    summaries: {
      list: 'The time-based automations, in the order they run',
      create: 'Create a time-based automation',
      update: 'Change a time-based automation (its order with `position`)',
      remove: 'Delete a time-based automation',
    },
    startField: { name: 'when', schema: TimeRuleWhenSchema },
    list: () => db.select().from(timeRules).orderBy(asc(timeRules.position), asc(timeRules.createdAt)),
    insert: async (values) =>
      (
        await db
          .insert(timeRules)
          .values(values as typeof timeRules.$inferInsert)
          .returning()
      )[0]!,
    update: async (id, values) =>
      (await db.update(timeRules).set(values).where(eq(timeRules.id, id)).returning())[0],
    remove: async (id) =>
      (await db.delete(timeRules).where(eq(timeRules.id, id)).returning({ id: timeRules.id })).length > 0,
    checkActions,
  });

  app.get(
    '/admin/time-rules/:id/due',
    {
      schema: {
        tags,
        summary:
          'The tickets this rule is due for now (or `at`) and has not fired on, before its conditions; nothing is written',
        params: RuleIdParam,
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
