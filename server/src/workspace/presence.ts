import { Type } from '@fastify/type-provider-typebox';
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { requireAgent } from '../identity/principal.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { tickets } from '../tickets/schema.ts';
import { TicketRef } from '../tickets/schemas.ts';
import { ticketPresence } from './schema.ts';

/**
 * How long a heartbeat counts. The workspace beats every 5 s while a ticket is open; a closed tab
 * disappears from the others' view after this long at most. Typing lapses sooner, so a stopped
 * typist does not look busy for long.
 */
export const VIEWING_TTL_MS = 15_000;
export const TYPING_TTL_MS = 8_000;

async function othersOn(db: Db, ticketId: string, agentId: string) {
  const rows = await db
    .select({
      agentId: ticketPresence.agentId,
      name: agents.name,
      state: ticketPresence.state,
      since: ticketPresence.since,
    })
    .from(ticketPresence)
    .innerJoin(agents, eq(agents.id, ticketPresence.agentId))
    .where(
      and(
        eq(ticketPresence.ticketId, ticketId),
        ne(ticketPresence.agentId, agentId),
        gt(ticketPresence.expiresAt, new Date()),
      ),
    )
    .orderBy(ticketPresence.since);
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/** Collision warnings: who else has this ticket open, and who is typing a reply in it. */
export function registerPresenceRoutes(app: App, { db }: Services) {
  const tags = ['workspace'];

  app.post(
    '/tickets/:id/viewing',
    {
      schema: {
        tags,
        summary: 'Heartbeat while a ticket is open; answers who else is on it and the thread position',
        description:
          'Send every few seconds with `viewing` or `typing`, and `left` when closing the ticket. ' +
          'The answer lists the other agents on the ticket and `lastSeq`, the position of its newest ' +
          'message or event: a client holding an older one has missed something.',
        params: TicketRef,
        body: Type.Object(
          {
            state: Type.Union([Type.Literal('viewing'), Type.Literal('typing'), Type.Literal('left')]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const ticketId = await resolveTicketId(db, request.params.id);
      if (!ticketId) throw new AppError('ticket_not_found');
      const { state } = request.body;
      const mine = and(eq(ticketPresence.ticketId, ticketId), eq(ticketPresence.agentId, me.agentId));
      if (state === 'left') {
        await db.delete(ticketPresence).where(mine);
      } else {
        const expiresAt = new Date(Date.now() + (state === 'typing' ? TYPING_TTL_MS : VIEWING_TTL_MS));
        await db
          .insert(ticketPresence)
          .values({ ticketId, agentId: me.agentId, state, expiresAt })
          .onConflictDoUpdate({
            target: [ticketPresence.ticketId, ticketPresence.agentId],
            // `since` restarts when the state changes, so "typing since" means what it says.
            set: {
              state,
              expiresAt,
              since: sql`case when ${ticketPresence.state} = ${state} and ${ticketPresence.expiresAt} > now() then ${ticketPresence.since} else now() end`,
            },
          });
      }
      // Expired rows are only noise; sweeping a few here keeps the table small without a job.
      await db.delete(ticketPresence).where(lt(ticketPresence.expiresAt, new Date(Date.now() - 60_000)));
      const [ticket] = await db
        .select({ lastSeq: tickets.lastSeq })
        .from(tickets)
        .where(eq(tickets.id, ticketId));
      return { others: await othersOn(db, ticketId, me.agentId), lastSeq: ticket?.lastSeq ?? 0 };
    },
  );

  app.get(
    '/tickets/:id/viewers',
    { schema: { tags, summary: 'Who else has this ticket open now', params: TicketRef } },
    async (request) => {
      const me = requireAgent(request);
      const ticketId = await resolveTicketId(db, request.params.id);
      if (!ticketId) throw new AppError('ticket_not_found');
      return { others: await othersOn(db, ticketId, me.agentId) };
    },
  );
}
