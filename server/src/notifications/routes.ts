import { Type } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { requireCustomer } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { inboxMessages } from './schema.ts';

/** The customer's in-app inbox (站内信): entries and the unread count. */
export function registerInboxRoutes(app: App, { db }: Services) {
  const tags = ['customer'];
  app.get(
    '/me/inbox',
    {
      schema: {
        tags,
        summary: 'My in-app messages, newest first, with the unread count',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const [rows, [unread]] = await Promise.all([
        db
          .select()
          .from(inboxMessages)
          .where(eq(inboxMessages.customerId, me.customerId))
          .orderBy(desc(inboxMessages.createdAt))
          .limit(request.query.limit)
          .offset(request.query.offset),
        db
          .select({ n: count() })
          .from(inboxMessages)
          .where(and(eq(inboxMessages.customerId, me.customerId), isNull(inboxMessages.readAt))),
      ]);
      return {
        unread: unread?.n ?? 0,
        items: rows.map((r) => ({
          id: r.id,
          ticketId: r.ticketId,
          kind: r.kind,
          title: r.title,
          body: r.body,
          createdAt: r.createdAt.toISOString(),
          read: r.readAt !== null,
        })),
      };
    },
  );

  app.post(
    '/me/inbox/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one message read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const rows = await db
        .update(inboxMessages)
        .set({ readAt: new Date() })
        .where(and(eq(inboxMessages.id, request.params.id), eq(inboxMessages.customerId, me.customerId)))
        .returning({ id: inboxMessages.id });
      if (rows.length === 0) throw new AppError('not_found');
      return { ok: true };
    },
  );

  app.post('/me/inbox/read-all', { schema: { tags, summary: 'Mark all read' } }, async (request) => {
    const me = requireCustomer(request);
    await db
      .update(inboxMessages)
      .set({ readAt: new Date() })
      .where(and(eq(inboxMessages.customerId, me.customerId), isNull(inboxMessages.readAt)));
    return { ok: true };
  });
}
