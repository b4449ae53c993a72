import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { type EmitContext, emitTicketEvents, subscribeToTicketEvents } from '../tickets/event-bus.ts';
import type { TicketEvent } from '../tickets/events.ts';
import { mergedTicketIds } from '../tickets/merge-tickets.ts';
import { tickets } from '../tickets/schema.ts';
import { type Actor, factColumns, factsOf, recordChanges } from '../tickets/timeline.ts';
import { incidentIdsCopy, OPEN } from './commands.ts';
import { incidentLinks, incidentReplies, incidents } from './schema.ts';

/**
 * Drops every node's copy of the incident ids after a merge moved an incident (a job, so it runs
 * after the commit: a copy reloaded before it would miss the survivor for a minute).
 */
export const forgetIncidentIdsJob = defineJob<{ survivorId: string }>({
  name: 'incidents.forget-ids',
  retryLimit: 3,
  retryDelaySeconds: 2,
});

/**
 * What a merge does to incidents, inside the merge's transaction (the merge itself knows nothing
 * of incidents):
 * - an incident merged into another ticket stays one problem: the survivor becomes the incident
 *   (or, already one, takes over its links), with its banner and translated replies, and every
 *   linked ticket follows it (an `incident_link` change on each). The merged ticket's closing is
 *   then not a solution: nothing is solved and no customer is told "resolved".
 * - a survivor that becomes an incident leaves the incident it was linked to (an incident cannot
 *   be linked);
 * - a ticket linked to an open incident, merged into a ticket linked to none, hands its link to
 *   the survivor, so that customer still gets the incident's replies and its solution.
 */
export function subscribeIncidentMerges(services: Services): void {
  subscribeToTicketEvents({
    name: 'incidents.merge',
    mode: 'in_transaction',
    events: ['ticket.merged'],
    async handle(tx, events, ctx) {
      for (const e of events) {
        const from = mergedTicketIds(e);
        if (from.length > 0) await carryIncidents(tx, ctx, e.ticket.id, from, e.actor);
      }
    },
  });
  services.jobs.handle(forgetIncidentIdsJob, async () => {
    incidentIdsCopy.forget(services.db);
  });
}

async function carryIncidents(
  tx: Executor,
  ctx: EmitContext,
  survivorId: string,
  from: string[],
  actor: Actor,
) {
  const merged = await tx.select().from(incidents).where(inArray(incidents.ticketId, from));
  const links = await tx
    .select({
      ticketId: incidentLinks.ticketId,
      incidentId: incidentLinks.incidentId,
      status: tickets.status,
    })
    .from(incidentLinks)
    .innerJoin(tickets, eq(tickets.id, incidentLinks.incidentId))
    .where(inArray(incidentLinks.ticketId, [survivorId, ...from]));
  const survivorLink = links.find((l) => l.ticketId === survivorId);
  const [survivorIncident] = await tx.select().from(incidents).where(eq(incidents.ticketId, survivorId));
  const events: TicketEvent[] = [];
  const change = async (
    ticketIds: string[],
    to: (id: string) => [from: string | null, to: string | null],
  ) => {
    if (ticketIds.length === 0) return;
    const rows = await tx.select(factColumns).from(tickets).where(inArray(tickets.id, ticketIds));
    const now = new Date();
    for (const row of rows) {
      const [before, after] = to(row.id);
      events.push(...(await recordChanges(tx, factsOf(row), actor, [['incident_link', before, after]], now)));
    }
  };

  if (merged.length > 0) {
    if (!survivorIncident) {
      const first = merged.find((m) => m.bannerZh || m.bannerEn) ?? merged[0]!;
      await tx.insert(incidents).values({
        ticketId: survivorId,
        public: merged.some((m) => m.public),
        bannerZh: first.bannerZh,
        bannerEn: first.bannerEn,
        createdBy: first.createdBy,
      });
    }
    if (survivorLink) {
      await tx.delete(incidentLinks).where(eq(incidentLinks.ticketId, survivorId));
      await change([survivorId], () => [survivorLink.incidentId, null]);
    }
    const ids = merged.map((m) => m.ticketId);
    // (An update's `returning` gives the new value: read where each link pointed first.)
    const moving = await tx
      .select({ ticketId: incidentLinks.ticketId, was: incidentLinks.incidentId })
      .from(incidentLinks)
      .where(inArray(incidentLinks.incidentId, ids));
    await tx
      .update(incidentLinks)
      .set({ incidentId: survivorId })
      .where(inArray(incidentLinks.incidentId, ids));
    const was = new Map(moving.map((m) => [m.ticketId, m.was]));
    // The merged tickets were closed by this merge: their old links are history, not changes.
    await change(
      moving.map((m) => m.ticketId).filter((id) => !from.includes(id)),
      (id) => [was.get(id) ?? null, survivorId],
    );
    await tx
      .update(incidentReplies)
      .set({ incidentId: survivorId })
      .where(inArray(incidentReplies.incidentId, ids));
    await tx.delete(incidents).where(inArray(incidents.ticketId, ids));
    incidentIdsCopy.forget(ctx.db);
    await ctx.jobs.send(forgetIncidentIdsJob, { survivorId }, tx);
  } else if (!survivorLink && !survivorIncident) {
    const handed = links.find((l) => l.ticketId !== survivorId && OPEN.has(l.status));
    if (handed) {
      await tx.insert(incidentLinks).values({ ticketId: survivorId, incidentId: handed.incidentId });
      await change([survivorId], () => [null, handed.incidentId]);
    }
  }
  await emitTicketEvents(tx, ctx, events);
}
