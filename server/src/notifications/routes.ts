import { Type } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { CHANGEABLE_MS } from '../csat/rating.ts';
import { csatRatings } from '../csat/schema.ts';
import { requireCustomer } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { tickets } from '../tickets/schema.ts';
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
          offset: Type.Integer({ minimum: 0, default: 0, description: 'Deprecated: use cursor' }),
          cursor: Type.Optional(
            Type.String({ maxLength: 200, description: "The previous page's nextCursor (keyset paging)" }),
          ),
        }),
      },
    },
    async (request) => {
      const me = requireCustomer(request);
      const now = Date.now();
      // Keyset: entries older than the last one shown (time, then id), an index range however
      // long the inbox; the cursor is that entry's time as PostgreSQL's text (to the µs) and id.
      const after = request.query.cursor ? parseInboxCursor(request.query.cursor) : null;
      const limit = request.query.limit;
      const [rows, [unread]] = await Promise.all([
        db
          .select({
            message: inboxMessages,
            at: sql<string>`${inboxMessages.createdAt}::text`,
            status: tickets.status,
            channel: tickets.channel,
            score: csatRatings.score,
            ratedAt: csatRatings.createdAt,
          })
          .from(inboxMessages)
          .leftJoin(tickets, eq(tickets.id, inboxMessages.ticketId))
          .leftJoin(csatRatings, eq(csatRatings.ticketId, inboxMessages.ticketId))
          .where(
            and(
              eq(inboxMessages.customerId, me.customerId),
              after
                ? sql`(${inboxMessages.createdAt}, ${inboxMessages.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
                : undefined,
            ),
          )
          .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
          .limit(limit + 1)
          .offset(after ? 0 : request.query.offset),
        db
          .select({ n: count() })
          .from(inboxMessages)
          .where(and(eq(inboxMessages.customerId, me.customerId), isNull(inboxMessages.readAt))),
      ]);
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        unread: unread?.n ?? 0,
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(JSON.stringify([last.at, last.message.id])).toString('base64url')
            : null,
        items: shown.map(({ message: r, at: _at, ...t }) => ({
          id: r.id,
          ticketId: r.ticketId,
          kind: r.kind,
          title: r.title,
          body: r.body,
          createdAt: r.createdAt.toISOString(),
          read: r.readAt !== null,
          channel: t.channel,
          rating: r.kind === 'solved' ? ratingAsked(t, now) : null,
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

/**
 * What a "solved" notice (a ticket solved, a chat ended) asks of the customer: `open` to rate,
 * `rated` (with the score, changeable until …), or `closed` when the ticket was reopened since
 * or the rating can no longer change. Rated through PUT /me/tickets/:id/rating.
 */
function ratingAsked(
  t: { status: string | null; score: number | null; ratedAt: Date | null },
  now: number,
): { state: 'open' | 'rated' | 'closed'; score: number | null; changeableUntil: string | null } {
  if (t.score !== null && t.ratedAt) {
    const until = t.ratedAt.getTime() + CHANGEABLE_MS;
    return {
      state: 'rated',
      score: t.score,
      changeableUntil: until > now ? new Date(until).toISOString() : null,
    };
  }
  const solved = t.status === 'solved' || t.status === 'closed';
  return { state: solved ? 'open' : 'closed', score: null, changeableUntil: null };
}

function parseInboxCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      v[0].length < 40 &&
      typeof v[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    )
      return [v[0], v[1]];
  } catch {
    // falls through
  }
  throw new AppError('validation_failed', { detail: 'cursor does not belong to this list' });
}
