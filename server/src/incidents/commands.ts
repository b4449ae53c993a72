import { and, eq, inArray } from 'drizzle-orm';
import { settingsCopy } from '../automations/settings-copy.ts';
import { customers } from '../customers/schema.ts';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage } from '../tickets/add-message.ts';
import { emitTicketEvents } from '../tickets/event-bus.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { tickets } from '../tickets/schema.ts';
import { type Actor, factColumns, factsOf, recordChanges } from '../tickets/timeline.ts';
import { incidentLinks, incidentReplies, incidents } from './schema.ts';

/**
 * The incidents' commands. Each is one transaction, and each change to a ticket goes through the
 * ticket's timeline and events (`incident.linked`, the reply's `message.added`), so the
 * broadcast and the solving of linked tickets are subscribers (incidents/subscribers.ts), and
 * every customer's copy of a reply travels on their own ticket's channel like any reply.
 */

/**
 * Every incident's ticket id, per node: the message path asks "is this an incident?" of it
 * without a query. All of them, open or not, so a reopened incident needs no forgetting (whether
 * it is open is read by the jobs and the banner); marking a ticket forgets it on every node.
 */
export const incidentIdsCopy = settingsCopy('incident-ids', async (db) => {
  const rows = await db.select({ id: incidents.ticketId }).from(incidents);
  return new Set(rows.map((r) => r.id));
});

const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;
/** The statuses of an open ticket: an incident takes links only then, and only these are walked. */
export const OPEN = new Set<string>(OPEN_STATUSES);

export interface IncidentSettings {
  public?: boolean;
  bannerZh?: string;
  bannerEn?: string;
}

/** Makes a ticket an incident (or changes its banner); a ticket linked to another cannot be one. */
export async function markIncident(
  db: Db,
  ticketId: string,
  settings: IncidentSettings,
  createdBy: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [link] = await tx
      .select({ incidentId: incidentLinks.incidentId })
      .from(incidentLinks)
      .where(eq(incidentLinks.ticketId, ticketId));
    if (link) throw new AppError('incident_link_refused', { reason: 'linked to an incident itself' });
    await tx
      .insert(incidents)
      .values({ ticketId, ...settings, createdBy })
      .onConflictDoUpdate({ target: incidents.ticketId, set: { ...settings, updatedAt: new Date() } });
  });
  incidentIdsCopy.forget(db);
}

/**
 * Links tickets to an incident in one transaction: each becomes an `incident_link` history row
 * (from the incident it was linked to before, if any) and an `incident.linked` event. Tickets
 * already linked to this incident are left as they are. Returns the number newly linked.
 */
export async function linkToIncident(
  db: Db,
  jobs: Jobs,
  incidentId: string,
  ticketIds: readonly string[],
  actor: Actor,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [incident] = await tx
      .select({ id: incidents.ticketId, status: tickets.status })
      .from(incidents)
      .innerJoin(tickets, eq(tickets.id, incidents.ticketId))
      .where(eq(incidents.ticketId, incidentId));
    if (!incident) throw new AppError('incident_not_found');
    if (!OPEN.has(incident.status))
      throw new AppError('incident_link_refused', { reason: 'incident solved' });
    const ids = [...new Set(ticketIds)];
    if (ids.includes(incidentId))
      throw new AppError('incident_link_refused', { reason: 'the incident itself' });
    if (ids.length === 0) return 0;
    const rows = await tx
      .select(factColumns)
      .from(tickets)
      .where(inArray(tickets.id, ids))
      .orderBy(tickets.id)
      .for('update');
    if (rows.length !== ids.length) throw new AppError('ticket_not_found');
    const others = await tx
      .select({ id: incidents.ticketId })
      .from(incidents)
      .where(inArray(incidents.ticketId, ids));
    if (others.length > 0)
      throw new AppError('incident_link_refused', { reason: 'an incident cannot be linked' });
    const before = new Map(
      (
        await tx
          .select({ ticketId: incidentLinks.ticketId, incidentId: incidentLinks.incidentId })
          .from(incidentLinks)
          .where(inArray(incidentLinks.ticketId, ids))
      ).map((r) => [r.ticketId, r.incidentId]),
    );
    const now = new Date();
    let linked = 0;
    for (const row of rows) {
      const previous = before.get(row.id) ?? null;
      if (previous === incidentId) continue;
      if (row.status === 'closed')
        throw new AppError('incident_link_refused', { reason: `${formatTicketNumber(row.number)} closed` });
      await tx
        .insert(incidentLinks)
        .values({ ticketId: row.id, incidentId, linkedAt: now })
        .onConflictDoUpdate({ target: incidentLinks.ticketId, set: { incidentId, linkedAt: now } });
      const events = await recordChanges(
        tx,
        factsOf(row),
        actor,
        [['incident_link', previous, incidentId]],
        now,
      );
      await emitTicketEvents(tx, { db, jobs }, events);
      linked++;
    }
    return linked;
  });
}

/** Unlinks a ticket (history `incident_link` to null). */
export async function unlinkFromIncident(db: Db, jobs: Jobs, ticketId: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select(factColumns).from(tickets).where(eq(tickets.id, ticketId)).for('update');
    const [link] = await tx.select().from(incidentLinks).where(eq(incidentLinks.ticketId, ticketId));
    if (!row || !link) throw new AppError('not_found');
    await tx.delete(incidentLinks).where(eq(incidentLinks.ticketId, ticketId));
    const events = await recordChanges(
      tx,
      factsOf(row),
      actor,
      [['incident_link', link.incidentId, null]],
      new Date(),
    );
    await emitTicketEvents(tx, { db, jobs }, events);
  });
}

/** The text for a customer: their language's, else the other one. */
export function textFor(language: string, texts: { zh: string; en: string }): string {
  const en = language === 'en';
  return ((en ? texts.en : texts.zh).trim() || (en ? texts.zh : texts.en)).trim();
}

/**
 * One public reply on the incident, for everyone: it is a reply on the incident ticket (to its
 * own customer, in their language), and its translations are kept with it, in the same
 * transaction, for the broadcast subscriber that copies it to every linked ticket.
 */
export async function replyToIncident(
  db: Db,
  jobs: Jobs,
  incidentId: string,
  texts: { zh: string; en: string },
  author: { authorType: 'agent' | 'integration'; authorId: string | null },
): Promise<{ messageId: string }> {
  return db.transaction(async (tx) => {
    const [incident] = await tx
      .select({ language: customers.language })
      .from(incidents)
      .innerJoin(tickets, eq(tickets.id, incidents.ticketId))
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(incidents.ticketId, incidentId));
    if (!incident) throw new AppError('incident_not_found');
    const message = await addMessage(tx as unknown as Db, jobs, {
      ticketId: incidentId,
      authorType: author.authorType,
      authorId: author.authorId,
      visibility: 'public',
      body: textFor(incident.language, texts),
      clientId: null,
      attachmentIds: [],
      uploader: { uploaderType: 'system', uploaderId: null },
    });
    await tx.insert(incidentReplies).values({ messageId: message.id, incidentId, ...texts });
    return { messageId: message.id };
  });
}

/** The tickets linked to an incident that are still open (the broadcast and the solve walk them). */
export async function openLinkedTickets(ex: Executor, incidentId: string) {
  return ex
    .select({ id: tickets.id, number: tickets.number, status: tickets.status })
    .from(incidentLinks)
    .innerJoin(tickets, eq(tickets.id, incidentLinks.ticketId))
    .where(and(eq(incidentLinks.incidentId, incidentId), inArray(tickets.status, [...OPEN_STATUSES])))
    .orderBy(tickets.number);
}
