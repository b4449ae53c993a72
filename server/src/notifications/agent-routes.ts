import { Type } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { AGENT_NOTICE_KINDS, agentNotificationPrefs, agentNotifications } from './agent-schema.ts';

/** The agent's own notifications in the workspace, and how each kind reaches them. */
export function registerAgentNotificationRoutes(app: App, { db }: Services) {
  const tags = ['notifications'];
  const mine = (agentId: string) =>
    and(eq(agentNotifications.agentId, agentId), eq(agentNotifications.inApp, true));

  app.get(
    '/agent/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const { unread, limit, offset } = request.query;
      const [rows, [open]] = await Promise.all([
        db
          .select()
          .from(agentNotifications)
          .where(and(mine(me.agentId), unread ? isNull(agentNotifications.readAt) : undefined))
          .orderBy(desc(agentNotifications.createdAt))
          .limit(limit)
          .offset(offset),
        db
          .select({ n: count() })
          .from(agentNotifications)
          .where(and(mine(me.agentId), isNull(agentNotifications.readAt))),
      ]);
      return {
        unread: open?.n ?? 0,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          ticketId: r.ticketId,
          title: r.title,
          body: r.body,
          createdAt: r.createdAt.toISOString(),
          read: r.readAt !== null,
        })),
      };
    },
  );

  app.get(
    '/agent/notifications/unread-count',
    { schema: { tags, summary: 'How many of my notifications are unread (for the badge)' } },
    async (request) => {
      const me = requireAgent(request);
      const [row] = await db
        .select({ n: count() })
        .from(agentNotifications)
        .where(and(mine(me.agentId), isNull(agentNotifications.readAt)));
      return { unread: row?.n ?? 0 };
    },
  );

  app.post(
    '/agent/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const rows = await db
        .update(agentNotifications)
        .set({ readAt: new Date() })
        .where(and(eq(agentNotifications.id, request.params.id), eq(agentNotifications.agentId, me.agentId)))
        .returning({ id: agentNotifications.id });
      if (rows.length === 0) throw new AppError('not_found');
      return { ok: true };
    },
  );

  app.post(
    '/agent/notifications/read-all',
    { schema: { tags, summary: 'Mark all read' } },
    async (request) => {
      const me = requireAgent(request);
      await db
        .update(agentNotifications)
        .set({ readAt: new Date() })
        .where(and(eq(agentNotifications.agentId, me.agentId), isNull(agentNotifications.readAt)));
      return { ok: true };
    },
  );

  app.get(
    '/agent/notification-preferences',
    { schema: { tags, summary: 'How each kind of notification reaches me' } },
    async (request) => {
      const me = requireAgent(request);
      const rows = await db
        .select()
        .from(agentNotificationPrefs)
        .where(eq(agentNotificationPrefs.agentId, me.agentId));
      return {
        items: AGENT_NOTICE_KINDS.map((kind) => {
          const row = rows.find((r) => r.kind === kind);
          return { kind, inApp: row?.inApp ?? true, email: row?.email ?? false };
        }),
      };
    },
  );

  app.put(
    '/agent/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Choose in the workspace and/or by email, per kind',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object(
                {
                  kind: Type.Union(AGENT_NOTICE_KINDS.map((k) => Type.Literal(k))),
                  inApp: Type.Boolean(),
                  email: Type.Boolean(),
                },
                { additionalProperties: false },
              ),
              { maxItems: AGENT_NOTICE_KINDS.length },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      for (const item of request.body.items) {
        await db
          .insert(agentNotificationPrefs)
          .values({ agentId: me.agentId, ...item })
          .onConflictDoUpdate({
            target: [agentNotificationPrefs.agentId, agentNotificationPrefs.kind],
            set: { inApp: item.inApp, email: item.email },
          });
      }
      return { ok: true };
    },
  );
}
