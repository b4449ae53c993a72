import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { nextSeq, recordEvent } from '../tickets/timeline.ts';

/**
 * Tells the agents on the ticket what happened on the platform that they did not do themselves
 * (a reply refused, a public message deleted): an event in the history and an internal note in the
 * thread, where the agent working the ticket will see it.
 */
export async function noteOnTicket(
  db: Db,
  ticketId: string,
  kind: string,
  details: Record<string, unknown>,
  note: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [ticket] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.id, ticketId))
      .for('update');
    if (!ticket) return;
    await recordEvent(tx, ticketId, { actorType: 'system', actorId: null }, kind, null, details);
    const seq = await nextSeq(tx, ticketId);
    await tx.insert(messages).values({
      ticketId,
      seq,
      authorType: 'system',
      authorId: null,
      visibility: 'internal',
      body: note,
    });
  });
}
