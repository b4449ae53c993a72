import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { attachments } from '../attachments/schema.ts';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage, statusTimestamps } from './add-message.ts';
import { emitTicketEvents } from './event-bus.ts';
import type { TicketEvent } from './events.ts';
import { formatTicketNumber } from './model.ts';
import { messages, ticketEvents, tickets } from './schema.ts';
import { type Actor, factsOf, recordChanges } from './timeline.ts';

export interface MergeInput {
  /** The ticket that stays. */
  survivorId: string;
  /** The tickets merged into it (closed, answering with a pointer to the survivor). */
  sourceIds: readonly string[];
  /** Tell the customer on the survivor's thread (a public message of the merging agent). */
  notifyCustomer: boolean;
  /** The notice's text; by default one in the customer's language naming the merged tickets. */
  notice?: string;
}

/** What the survivor's and each merged ticket's `merged` history rows hold. */
export interface MergedRecord {
  into?: { id: string; number: string };
  /** Each merged ticket, and the seqs its items took in the survivor's timeline. */
  from?: Array<{
    id: string;
    number: string;
    title: string;
    items: number;
    seqs: [first: number, last: number];
  }>;
}

/** The tickets a `ticket.merged` event of the survivor took in ([] for any other event). */
export function mergedTicketIds(event: TicketEvent): string[] {
  if (event.type !== 'ticket.merged') return [];
  return ((event.to as MergedRecord | null)?.from ?? []).map((f) => f.id);
}

/**
 * Merges tickets of one customer into one, in one transaction. Each merged ticket's thread and
 * history move to the end of the survivor's, in their own order (merged tickets oldest first):
 * they take the seqs after the survivor's last, so the survivor's timeline only grows and a
 * client that knows its last seq gets them as new. Moved history rows keep a `merged_from` mark
 * (the clocks read only the survivor's own status changes), attachments follow their messages.
 * A merged ticket is closed with `merged_into` set and a `merged` row pointing at the survivor;
 * the survivor gets a `merged` row naming them. Each `ticket.merged` event goes to the
 * subscribers (the clocks recompute; channels move their mail threads), then the customer is
 * told on the survivor's thread.
 */
export async function mergeTickets(
  db: Db,
  jobs: Jobs,
  input: MergeInput,
  actor: Actor,
): Promise<{ survivorId: string; merged: string[] }> {
  const sourceIds = [...new Set(input.sourceIds)];
  if (sourceIds.length === 0 || sourceIds.includes(input.survivorId)) {
    throw new AppError('merge_not_allowed', { detail: 'name one or more other tickets' });
  }
  return db.transaction(async (tx) => {
    const all = [input.survivorId, ...sourceIds];
    // Locked in one order (by id) so two merges of overlapping tickets wait instead of deadlocking.
    const rows = await tx
      .select()
      .from(tickets)
      .where(inArray(tickets.id, all))
      .orderBy(asc(tickets.id))
      .for('update');
    if (rows.length !== all.length) throw new AppError('ticket_not_found');
    const survivor = rows.find((r) => r.id === input.survivorId)!;
    const sources = rows.filter((r) => r.id !== survivor.id).sort((a, b) => +a.createdAt - +b.createdAt);
    if (rows.some((r) => r.customerId !== survivor.customerId)) throw new AppError('merge_other_customer');
    for (const r of rows) {
      const number = formatTicketNumber(r.number);
      // Codes of their own, so the refusal reads whole in the caller's language.
      if (r.mergedIntoId) throw new AppError('merge_source_merged', { ticket: number });
      if (r.status === 'closed') throw new AppError('merge_source_closed', { ticket: number });
    }

    const now = new Date();
    let base = survivor.lastSeq;
    const from: NonNullable<MergedRecord['from']> = [];
    for (const source of sources) {
      const number = formatTicketNumber(source.number);
      // The source's seqs are 1…lastSeq: shifted by `base` they follow the survivor's, in order.
      const moved = await tx
        .update(messages)
        .set({
          ticketId: survivor.id,
          seq: sql`${messages.seq} + ${base}`,
          // Client ids were unique per ticket; kept, but marked, so none can meet the survivor's.
          clientId: sql`case when ${messages.clientId} is null then null else ${`${number}:`} || ${messages.clientId} end`,
        })
        .where(eq(messages.ticketId, source.id))
        .returning({ id: messages.id });
      const history = await tx
        .update(ticketEvents)
        .set({ ticketId: survivor.id, seq: sql`${ticketEvents.seq} + ${base}`, mergedFrom: source.id })
        .where(eq(ticketEvents.ticketId, source.id))
        .returning({ id: ticketEvents.id });
      await tx.update(attachments).set({ ticketId: survivor.id }).where(eq(attachments.ticketId, source.id));
      from.push({
        id: source.id,
        number,
        title: source.title,
        items: moved.length + history.length,
        seqs: [base + 1, base + source.lastSeq],
      });
      base += source.lastSeq;
    }
    await tx
      .update(tickets)
      .set({ lastSeq: base, updatedAt: now, lastActivityAt: now })
      .where(eq(tickets.id, survivor.id));

    const events: TicketEvent[] = [];
    const survivorRef = { id: survivor.id, number: formatTicketNumber(survivor.number) };
    for (const source of sources) {
      await tx
        .update(tickets)
        .set({
          ...statusTimestamps('closed', now),
          mergedIntoId: survivor.id,
          updatedAt: now,
          lastActivityAt: now,
        })
        .where(eq(tickets.id, source.id));
      const record: MergedRecord = { into: survivorRef };
      events.push(
        ...(await recordChanges(
          tx,
          factsOf({ ...source, status: 'closed' }),
          actor,
          [
            ['status', source.status, 'closed'],
            ['merged', null, record],
          ],
          now,
        )),
      );
    }
    const record: MergedRecord = { from };
    events.push(...(await recordChanges(tx, factsOf(survivor), actor, [['merged', null, record]], now)));
    await emitTicketEvents(tx, { db, jobs }, events);

    if (input.notifyCustomer) {
      const [customer] = await tx
        .select({ language: customers.language })
        .from(customers)
        .where(eq(customers.id, survivor.customerId));
      const numbers = from.map((f) => f.number).join(', ');
      const body =
        input.notice?.trim() ||
        (customer?.language === 'en'
          ? `Your request ${numbers} has been merged into this ticket (${survivorRef.number}); we continue here.`
          : `您的工单 ${numbers} 已合并到本工单（${survivorRef.number}），我们会在这里继续为您处理。`);
      await addMessage(tx as unknown as Db, jobs, {
        ticketId: survivor.id,
        authorType: actor.actorType === 'agent' ? 'agent' : 'integration',
        authorId: actor.actorId,
        visibility: 'public',
        body,
        clientId: `merge:${sources.map((s) => s.id).join(',')}`,
        attachmentIds: [],
        uploader: { uploaderType: 'system', uploaderId: null },
      });
    }
    return { survivorId: survivor.id, merged: sources.map((s) => s.id) };
  });
}

/** Where a merged ticket went: the survivor at the end of the chain, or null when it was not merged. */
export async function mergedInto(db: Db, ticketId: string): Promise<{ id: string; number: string } | null> {
  let id = ticketId;
  for (let hops = 0; hops < 20; hops++) {
    const [row] = await db
      .select({ into: tickets.mergedIntoId })
      .from(tickets)
      .where(and(eq(tickets.id, id)));
    if (!row?.into) break;
    id = row.into;
  }
  if (id === ticketId) return null;
  const [row] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, id));
  return row ? { id, number: formatTicketNumber(row.number) } : null;
}
