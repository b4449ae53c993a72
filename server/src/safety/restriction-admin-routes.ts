import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import { requireAgent } from '../identity/principal.ts';
import { agents } from '../identity/schema.ts';
import type { App, Services } from '../platform/services.ts';
import { customerRestrictions } from './schema.ts';

/**
 * The admin console's view of mute and block: who is restricted now, and finding a customer by
 * their UID or email to restrict them (the change itself is PUT /customers/:id/restriction, which
 * any agent may use from a ticket or chat). Supervisors and admins.
 */
export function registerRestrictionAdminRoutes(app: App, { db }: Services) {
  const tags = ['safety', 'admin'];

  app.get(
    '/admin/customer-restrictions',
    { schema: { tags, summary: 'Customers muted or blocked now, newest first, with who did it and why' } },
    async (request) => {
      requireAgent(request, 'supervisor');
      const rows = await db
        .select({
          customerId: customerRestrictions.customerId,
          kind: customerRestrictions.kind,
          until: customerRestrictions.until,
          reason: customerRestrictions.reason,
          createdAt: customerRestrictions.createdAt,
          uid: customers.uid,
          name: customers.name,
          email: customers.email,
          language: customers.language,
          byName: agents.name,
        })
        .from(customerRestrictions)
        .innerJoin(customers, eq(customers.id, customerRestrictions.customerId))
        .leftJoin(agents, eq(agents.id, customerRestrictions.byAgentId))
        // A mute that has run out no longer restricts anyone (restrictions.ts reads it the same way).
        .where(
          or(
            eq(customerRestrictions.kind, 'blocked'),
            and(eq(customerRestrictions.kind, 'muted'), gt(customerRestrictions.until, new Date())),
          ),
        )
        .orderBy(desc(customerRestrictions.createdAt))
        .limit(500);
      return {
        items: rows.map((r) => ({
          ...r,
          until: r.until?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/admin/customers/lookup',
    {
      schema: {
        tags,
        summary: 'Customers whose UID or email is exactly this (case-insensitive email), at most 10',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 320 }) }),
      },
    },
    async (request) => {
      requireAgent(request, 'supervisor');
      const q = request.query.q.trim();
      const rows = await db
        .select({
          id: customers.id,
          uid: customers.uid,
          name: customers.name,
          email: customers.email,
          language: customers.language,
          kind: customerRestrictions.kind,
          until: customerRestrictions.until,
        })
        .from(customers)
        .leftJoin(customerRestrictions, eq(customerRestrictions.customerId, customers.id))
        .where(or(eq(customers.uid, q), eq(sql`lower(${customers.email})`, q.toLowerCase())))
        .limit(10);
      const now = new Date();
      return {
        items: rows.map(({ kind, until, ...c }) => ({
          ...c,
          restriction:
            kind === 'blocked' || (kind === 'muted' && until && until > now)
              ? { kind, until: until?.toISOString() ?? null }
              : null,
        })),
      };
    },
  );
}
