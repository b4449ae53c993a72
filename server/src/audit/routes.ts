import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { requireAgent } from '../identity/principal.ts';
import type { App, Services } from '../platform/services.ts';
import { auditLog } from './schema.ts';

export function registerAuditRoutes(app: App, { db }: Services) {
  app.get(
    '/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'What agents and integrations did, newest first',
        querystring: Type.Object({
          actorId: Type.Optional(Type.String({ format: 'uuid' })),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (request) => {
      requireAgent(request, 'admin');
      const { actorId, action, limit, offset } = request.query;
      const where: SQL[] = [];
      if (actorId) where.push(eq(auditLog.actorId, actorId));
      if (action) where.push(eq(auditLog.action, action));
      const rows = await db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.at))
        .limit(limit)
        .offset(offset);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );
}
