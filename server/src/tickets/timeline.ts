import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { ActorType } from './model.ts';
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
