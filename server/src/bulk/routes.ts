import { type Static, Type } from '@fastify/type-provider-typebox';
import { and, eq, or } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { agentTeams } from '../desk/schema.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { incidents } from '../incidents/schema.ts';
import { macros } from '../macros/schema.ts';
import { AppError, type ErrorCode, errorMessage } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { listTickets, SLA_FILTERS } from '../tickets/list-query.ts';
import { PRIORITIES, TICKET_STATUSES } from '../tickets/model.ts';
import { ChannelSchema, PrioritySchema, StatusSchema, Uuid } from '../tickets/schemas.ts';
import { requireTicketWork } from '../tickets/work-access.ts';
import { bulkJob } from './run.ts';
import { bulkJobs } from './schema.ts';

/** The most tickets one bulk action takes: "all matching" a wide filter must be narrowed first. */
export const BULK_MAX = 2000;

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 });
const BulkActionSchema = Type.Union([
  Type.Object(
    { type: Type.Literal('status'), value: Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s))) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('priority'), value: Type.Union(PRIORITIES.map((p) => Type.Literal(p))) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('team'), value: Type.Union([Uuid, Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('assignee'), value: Type.Union([Uuid, Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('add_tags'), tags: Tags }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('remove_tags'), tags: Tags }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('macro'), macroId: Uuid }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('link_incident'), incident: Uuid }, { additionalProperties: false }),
]);

/** "All matching the filter": the inbox's own GET /tickets filters. */
const Filter = Type.Object(
  {
    status: Type.Optional(Type.Array(StatusSchema)),
    priority: Type.Optional(Type.Array(PrioritySchema)),
    categoryId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    assignee: Type.Optional(Type.String({ maxLength: 40 })),
    tag: Type.Optional(Type.String({ maxLength: 64 })),
    channel: Type.Optional(ChannelSchema),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sla: Type.Optional(Type.Union(SLA_FILTERS.map((f) => Type.Literal(f)))),
    myTeams: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * Bulk actions in the inbox: an agent picks tickets (or all matching a filter) and one action;
 * the route checks who asks and what, stores the selection, audits it and enqueues the job, all
 * in one transaction; the job (bulk/run.ts) works through it in batches with progress.
 */
export function registerBulkRoutes(app: App, { db, jobs }: Services) {
  const tags = ['tickets'];

  app.post(
    '/tickets/bulk',
    {
      schema: {
        tags,
        summary: 'Start a bulk action on chosen tickets, or on all matching a filter',
        body: Type.Object(
          {
            ticketIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: BULK_MAX })),
            filter: Type.Optional(Filter),
            action: BulkActionSchema,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const me = requireAgent(request);
      const { ticketIds, filter, action } = request.body;
      if (!ticketIds === !filter)
        throw new AppError('validation_failed', { detail: 'give either ticketIds or filter' });
      if (action.type === 'macro') {
        const [macro] = await db
          .select({ id: macros.id })
          .from(macros)
          .where(
            and(
              eq(macros.id, action.macroId),
              or(eq(macros.scope, 'shared'), eq(macros.ownerId, me.agentId)),
            ),
          );
        if (!macro) throw new AppError('macro_not_found');
      }
      if (action.type === 'link_incident') {
        const [incident] = await db
          .select({ id: incidents.ticketId })
          .from(incidents)
          .where(eq(incidents.ticketId, action.incident));
        if (!incident) throw new AppError('incident_not_found');
        await requireTicketWork(db, me, [incident.id]);
      }
      let ids: string[];
      if (ticketIds) {
        ids = [...new Set(ticketIds)];
        // Chosen one by one: any ticket the agent may not work refuses the whole request.
        await requireTicketWork(db, me, ids);
      } else {
        ids = await matching(filter!, me.agentId);
      }
      if (ids.length === 0) throw new AppError('validation_failed', { detail: 'no tickets match' });
      const bulk = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(bulkJobs)
          .values({ agentId: me.agentId, action, ticketIds: ids, total: ids.length })
          .returning();
        await audit(tx, {
          ...agentActor(me.agentId, request),
          action: 'ticket.bulk',
          targetType: 'bulk_job',
          targetId: row!.id,
          data: { action, total: ids.length, by: ticketIds ? 'selection' : 'filter' },
        });
        await jobs.send(bulkJob, { bulkId: row!.id }, tx);
        return row!;
      });
      return reply.status(202).send({ id: bulk.id, total: bulk.total, state: bulk.state });
    },
  );

  app.get(
    '/tickets/bulk/:id',
    { schema: { tags, summary: 'A bulk action’s progress', params: Type.Object({ id: Uuid }) } },
    async (request) => {
      const me = requireAgent(request);
      const [row] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, request.params.id));
      if (!row || (row.agentId !== me.agentId && me.role === 'agent'))
        throw new AppError('bulk_job_not_found');
      const lang = requestLanguage(request);
      return {
        id: row.id,
        action: row.action,
        state: row.state,
        total: row.total,
        done: row.done,
        changed: row.changed,
        failures: row.failures.map((f) => ({
          ticketId: f.ticketId,
          number: f.number,
          code: f.code,
          message: errorMessage(f.code as ErrorCode, lang, f.params),
        })),
        createdAt: row.createdAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
      };
    },
  );

  /** The ids of every ticket matching the filter, as the inbox lists them (at most BULK_MAX). */
  async function matching(filter: Static<typeof Filter>, agentId: string): Promise<string[]> {
    const { myTeams, assignee, ...rest } = filter;
    let teamIds: string[] | undefined;
    if (myTeams) {
      const rows = await db
        .select({ teamId: agentTeams.teamId })
        .from(agentTeams)
        .where(eq(agentTeams.agentId, agentId));
      teamIds = rows.map((r) => r.teamId);
    }
    const filters = {
      ...rest,
      ...(assignee ? { assignee: assignee === 'me' ? agentId : assignee } : {}),
      ...(teamIds ? { teamIds } : {}),
    };
    const ids: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listTickets(db, filters, { limit: 200, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((t) => t.id));
      if (ids.length > BULK_MAX) throw new AppError('bulk_too_many', { limit: BULK_MAX });
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
    }
  }
}
