import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { requireAgent } from '../identity/principal.ts';
import type { App, Services } from '../platform/services.ts';
import { toCsv } from '../reports/csv.ts';
import { auditLog } from './schema.ts';

const Filters = {
  actorId: Type.Optional(Type.String({ format: 'uuid' })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 50 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

type FilterQuery = { [K in keyof typeof Filters]?: string };

function whereOf(q: FilterQuery): SQL[] {
  const where: SQL[] = [];
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lt(auditLog.at, new Date(q.to)));
  return where;
}

/** A page boundary: the last row's time and id, so the next page starts right after it. */
function afterCursor(cursor: string | undefined): SQL | null {
  if (!cursor) return null;
  const [at, id] = cursor.split('_');
  const when = new Date(Number(at));
  if (!id || Number.isNaN(when.getTime())) return null;
  return or(lt(auditLog.at, when), and(eq(auditLog.at, when), lt(auditLog.id, id)))!;
}

const cursorOf = (row: { at: Date; id: string }) => `${row.at.getTime()}_${row.id}`;

/** The audit log for admins: filtered by actor, action, object and time, a page at a time, or as CSV. */
export function registerAuditRoutes(app: App, { db }: Services) {
  app.get(
    '/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'What agents and integrations did, newest first',
        querystring: Type.Object({
          ...Filters,
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
          cursor: Type.Optional(Type.String({ pattern: '^\\d{1,15}_[0-9a-f-]{36}$' })),
        }),
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      const { limit, offset, cursor } = request.query;
      const where = whereOf(request.query);
      const after = afterCursor(cursor);
      if (after) where.push(after);
      const rows = await db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit + 1)
        .offset(cursor ? 0 : offset);
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
      };
    },
  );

  app.get(
    '/admin/audit-log/export.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'The filtered audit log as CSV (UTF-8 with BOM), newest first, at most 100,000 rows',
        querystring: Type.Object(Filters),
      },
    },
    async (request, reply) => {
      requireAgent(request, 'admin');
      const where = whereOf(request.query);
      const rows = await db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(100_000);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="kefu-audit-log.csv"`)
        .send(
          toCsv(
            ['at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'data'],
            rows.map((r) => [
              r.at.toISOString(),
              r.actorType,
              r.actorId,
              r.action,
              r.targetType,
              r.targetId,
              r.ip,
              r.data === null ? null : JSON.stringify(r.data),
            ]),
          ),
        );
    },
  );
}
