import { Type } from '@fastify/type-provider-typebox';
import { type SQL, sql } from 'drizzle-orm';
import { FieldFilterQuery } from '../custom-fields/api-schema.ts';
import { customFieldFilter } from '../custom-fields/values.ts';
import type { Db } from '../db/client.ts';
import { runShapedSql, ShapeBinder } from '../db/shaped.ts';
import { requireStaff } from '../identity/principal.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App } from '../platform/services.ts';
import {
  boundedCount,
  COUNT_CAP,
  filterConditions,
  planHoldsForAnyValues,
  SLA_FILTERS,
  type TicketFilters,
} from './list-query.ts';
import { ChannelSchema, PrioritySchema, StatusSchema, Uuid } from './schemas.ts';
import { counterSum, countersAnswer } from './view-counters.ts';

const VIEWS = ['mine', 'unassigned', 'teams', 'all'] as const;
type View = (typeof VIEWS)[number];

const Count = Type.Union([Type.Object({ count: Type.Integer(), capped: Type.Boolean() }), Type.Null()]);

/**
 * The inbox's side counts in one request and one statement: each view's count of the same filters
 * (never the search text: a search does not recount the views). A view filtered only by status,
 * team and assignee — the workspace's default — is summed from the maintained counters
 * (view-counters.ts): exact at any size, never reading tickets. Any other filter counts tickets,
 * no further than COUNT_CAP rows through the view's partial index, so a huge view answers
 * "10,000+" as fast as a small one.
 */
export function registerViewCountRoute(app: App, db: Db) {
  app.get(
    '/tickets/counts',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'How many tickets each inbox view holds with these filters (exact by status, team and assignee; with other filters up to 10,000, then capped)',
        querystring: Type.Object({
          status: Type.Optional(Type.Array(StatusSchema)),
          priority: Type.Optional(Type.Array(PrioritySchema)),
          categoryId: Type.Optional(Uuid),
          teamId: Type.Optional(Uuid),
          assignee: Type.Optional(
            Type.String({ description: 'For the teams and all views: an agent id or "none"', maxLength: 40 }),
          ),
          tag: Type.Optional(Type.String({ maxLength: 64 })),
          channel: Type.Optional(ChannelSchema),
          sla: Type.Optional(Type.Union(SLA_FILTERS.map((f) => Type.Literal(f)))),
          ...FieldFilterQuery,
        }),
        response: {
          200: Type.Object({ mine: Count, unassigned: Count, teams: Count, all: Count, cap: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:read');
      const { assignee, fieldKey, fieldValue, ...filters } = request.query;
      const rest: TicketFilters =
        fieldKey !== undefined || fieldValue !== undefined
          ? {
              ...filters,
              customField: await customFieldFilter(db, fieldKey, fieldValue, requestLanguage(request)),
            }
          : filters;
      const assigneeFilter =
        assignee === 'none' || (assignee && /^[0-9a-f-]{36}$/i.test(assignee)) ? { assignee } : {};
      const agentId = who.kind === 'agent' ? who.agentId : null;
      const views: Record<View, TicketFilters | null> = {
        mine: agentId ? { ...rest, assignee: agentId } : null,
        unassigned: { ...rest, assignee: 'none' },
        teams: agentId ? { ...rest, ...assigneeFilter, teamsOfAgent: agentId } : null,
        all: { ...rest, ...assigneeFilter },
      };
      const b = new ShapeBinder();
      const columns: SQL[] = [];
      const exact = new Set<View>();
      for (const view of VIEWS) {
        const f = views[view];
        if (f && countersAnswer(f)) exact.add(view);
        b.shape(f ? (exact.has(view) ? `${view}:counters` : view) : `no-${view}`);
        if (f) {
          const count = exact.has(view) ? counterSum(f, b) : boundedCount(filterConditions(f, b));
          columns.push(sql`${count} as ${sql.identifier(view)}`);
        }
      }
      const [row] = await runShapedSql<Record<View, string | number>>(
        db,
        b,
        'view-counts',
        sql`select ${sql.join(columns, sql`, `)}`,
        // Each count walks its view's index (the cap is in the text): one plan for any agent.
        { fixedPlan: planHoldsForAnyValues(rest) },
      );
      const out = { cap: COUNT_CAP } as Record<View, { count: number; capped: boolean } | null> & {
        cap: number;
      };
      for (const view of VIEWS) {
        const n = views[view] && row ? Number(row[view]) : null;
        out[view] =
          n === null
            ? null
            : exact.has(view)
              ? { count: n, capped: false }
              : { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
      }
      return out;
    },
  );
}
