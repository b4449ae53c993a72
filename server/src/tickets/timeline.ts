import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { type ChangeEvent, type ChangeKind, changeEventOf, type TicketFacts } from './events.ts';
import type { ActorType, Channel, Priority, TicketStatus } from './model.ts';
import { ticketEvents, tickets } from './schema.ts';

/**
 * Hands out the next number of the ticket's timeline. Messages and events share it, so a client
 * that knows the last number it saw can ask for everything after it. The row lock it takes also
 * serialises concurrent writers of one ticket until their transaction ends.
 */
export async function nextSeq(tx: Executor, ticketId: string): Promise<number> {
  const [row] = await tx
    .update(tickets)
    .set({ lastSeq: sql`${tickets.lastSeq} + 1` })
    .where(eq(tickets.id, ticketId))
    .returning({ seq: tickets.lastSeq });
  if (!row) throw new Error(`ticket ${ticketId} vanished`);
  return row.seq;
}

export interface Actor {
  actorType: ActorType;
  actorId: string | null;
  /**
   * Set when an automation (a trigger, a time rule) makes the change: the rules of the cascade so
   * far, so a chain of rules firing on each other's changes is bounded (automations/cascade.ts).
   */
  automation?: { ruleId: string; ruleName: string; chain: readonly string[] };
}

/** Records one change in the ticket's history: who, when, what, from what to what. */
export async function recordEvent(
  tx: Executor,
  ticketId: string,
  actor: Actor,
  kind: string,
  fromValue: unknown,
  toValue: unknown,
): Promise<void> {
  await insertEvent(tx, ticketId, await nextSeq(tx, ticketId), actor, kind, fromValue, toValue);
}

/** Inserts a history row at a seq the caller already holds. */
export async function insertEvent(
  tx: Executor,
  ticketId: string,
  seq: number,
  actor: Actor,
  kind: string,
  fromValue: unknown,
  toValue: unknown,
): Promise<void> {
  await tx.insert(ticketEvents).values({
    ticketId,
    seq,
    actorType: actor.actorType,
    actorId: actor.actorId,
    kind,
    fromValue: fromValue === undefined ? null : fromValue,
    toValue: toValue === undefined ? null : toValue,
  });
}

/**
 * Records a write's property changes in the history (one statement for the seqs, one for the
 * rows) and returns them as events, ready for `emitTicketEvents`.
 */
export async function recordChanges(
  tx: Executor,
  ticket: TicketFacts,
  actor: Actor,
  changes: ReadonlyArray<readonly [kind: ChangeKind, from: unknown, to: unknown]>,
  at: Date,
  messageId?: string,
): Promise<ChangeEvent[]> {
  if (changes.length === 0) return [];
  const [row] = await tx
    .update(tickets)
    .set({ lastSeq: sql`${tickets.lastSeq} + ${changes.length}` })
    .where(eq(tickets.id, ticket.id))
    .returning({ seq: tickets.lastSeq });
  if (!row) throw new Error(`ticket ${ticket.id} vanished`);
  const first = row.seq - changes.length + 1;
  await tx.insert(ticketEvents).values(
    changes.map(([kind, from, to], i) => ({
      ticketId: ticket.id,
      seq: first + i,
      actorType: actor.actorType,
      actorId: actor.actorId,
      kind,
      fromValue: from ?? null,
      toValue: to ?? null,
      createdAt: at,
    })),
  );
  return changes.map(([kind, from, to], i) => ({
    type: changeEventOf(kind)!,
    ticket,
    actor,
    at,
    seq: first + i,
    from: from ?? null,
    to: to ?? null,
    ...(messageId ? { messageId } : {}),
  }));
}

/**
 * Records one change of a capability outside `tickets/` (a side conversation, a customer's
 * fields) on one ticket and returns its event: the seq and the ticket's facts come back from the
 * one statement that takes the seq (no read of its own), then the history row is inserted.
 */
export async function recordTicketChange(
  tx: Executor,
  ticketId: string,
  actor: Actor,
  kind: ChangeKind,
  fromValue: unknown,
  toValue: unknown,
  at = new Date(),
): Promise<ChangeEvent> {
  const [row] = await tx
    .update(tickets)
    .set({ lastSeq: sql`${tickets.lastSeq} + 1` })
    .where(eq(tickets.id, ticketId))
    .returning({ ...factColumns, seq: tickets.lastSeq });
  if (!row) throw new Error(`ticket ${ticketId} vanished`);
  await tx.insert(ticketEvents).values({
    ticketId,
    seq: row.seq,
    actorType: actor.actorType,
    actorId: actor.actorId,
    kind,
    fromValue: fromValue ?? null,
    toValue: toValue ?? null,
    createdAt: at,
  });
  return {
    type: changeEventOf(kind)!,
    ticket: factsOf(row),
    actor,
    at,
    seq: row.seq,
    from: fromValue ?? null,
    to: toValue ?? null,
  };
}

/** The facts of a ticket row, for its events. */
export function factsOf(row: {
  id: string;
  number: number;
  title: string;
  status: TicketStatus;
  priority: Priority;
  channel: Channel;
  customerId: string;
  categoryId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  tags: readonly string[];
}): TicketFacts {
  return {
    id: row.id,
    number: Number(row.number),
    title: row.title,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    customerId: row.customerId,
    categoryId: row.categoryId,
    teamId: row.teamId,
    assigneeId: row.assigneeId,
    tags: [...row.tags],
  };
}

/** The columns `factsOf` needs, for a select or a returning clause. */
export const factColumns = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  status: tickets.status,
  priority: tickets.priority,
  channel: tickets.channel,
  customerId: tickets.customerId,
  categoryId: tickets.categoryId,
  teamId: tickets.teamId,
  assigneeId: tickets.assigneeId,
  tags: tickets.tags,
};
