import { and, desc, eq, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { nextSeq, recordEvent } from '../tickets/timeline.ts';
import { channelConversations, channelDeliveries } from './schema.ts';
import type { ThrottledPayload } from './throttle.ts';

/**
 * Tells the agents how much of a flood was held back: one internal note per window on the
 * conversation's ticket ("12 messages … between … and …"), written by the window's first held
 * message and brought up to date by each later one. A window starts at a held message that was
 * due the polite notice (one per THROTTLE_NOTICE_WINDOW_MS) and runs until the next such message.
 * Every held message has its delivery row from the moment it arrived (ingest.ts), so counting the
 * rows counts the window, whatever order the queue processes them in; a per-person advisory lock
 * keeps two updates of one note apart.
 */
export async function noteThrottledMessage(db: Db, channelId: string, deliveryId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(channelDeliveries).where(eq(channelDeliveries.id, deliveryId));
    const held = row?.payload as unknown as ThrottledPayload | null;
    if (!row || !held?.throttled) return;
    const sender = held.from.platformUserId;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`throttle:${channelId}:${sender}`}))`);
    const heldBy = and(
      eq(channelDeliveries.channelId, channelId),
      eq(channelDeliveries.direction, 'in'),
      sql`${channelDeliveries.payload}->'from'->>'platformUserId' = ${sender}`,
      sql`${channelDeliveries.payload}->'throttled' is not null`,
    );
    // Times are compared in the database: a JS Date would lose the microseconds PostgreSQL keeps.
    const timeOf = (id: string) => sql`(select created_at from channel_deliveries where id = ${id})`;
    const startsWindow = sql`(${channelDeliveries.payload}->'throttled'->>'notify')::boolean`;
    const [anchor] = await tx
      .select()
      .from(channelDeliveries)
      .where(and(heldBy, startsWindow, lte(channelDeliveries.createdAt, timeOf(row.id))))
      .orderBy(desc(channelDeliveries.createdAt))
      .limit(1);
    // The window's first message is still on its way: its own turn counts this one too.
    if (!anchor) return;
    const [next] = await tx
      .select({ id: channelDeliveries.id })
      .from(channelDeliveries)
      .where(and(heldBy, startsWindow, gt(channelDeliveries.createdAt, timeOf(anchor.id))))
      .orderBy(channelDeliveries.createdAt)
      .limit(1);
    const [window] = await tx
      .select({
        count: sql<number>`count(*)::int`,
        first: sql<string>`min(${channelDeliveries.createdAt})`,
        last: sql<string>`max(${channelDeliveries.createdAt})`,
      })
      .from(channelDeliveries)
      .where(
        and(
          heldBy,
          gte(channelDeliveries.createdAt, timeOf(anchor.id)),
          ...(next ? [lt(channelDeliveries.createdAt, timeOf(next.id))] : []),
        ),
      );
    if (!window || window.count === 0) return;
    const body = throttleNote(window.count, new Date(window.first), new Date(window.last));
    const anchorPayload = anchor.payload as unknown as ThrottledPayload;
    if (anchorPayload.noteMessageId) {
      await tx.update(messages).set({ body }).where(eq(messages.id, anchorPayload.noteMessageId));
      return;
    }
    const threadKey = held.isPublic ? `${held.chatId}/${sender}` : held.chatId;
    const [conversation] = await tx
      .select({ ticketId: channelConversations.ticketId })
      .from(channelConversations)
      .innerJoin(tickets, eq(tickets.id, channelConversations.ticketId))
      .where(
        and(eq(channelConversations.channelId, channelId), eq(channelConversations.threadKey, threadKey)),
      )
      .orderBy(desc(channelConversations.createdAt))
      .limit(1);
    if (!conversation) return;
    await recordEvent(
      tx,
      conversation.ticketId,
      { actorType: 'system', actorId: null },
      'channel_throttled',
      null,
      { since: new Date(window.first).toISOString() },
    );
    const [note] = await tx
      .insert(messages)
      .values({
        ticketId: conversation.ticketId,
        seq: await nextSeq(tx, conversation.ticketId),
        authorType: 'system',
        authorId: null,
        visibility: 'internal',
        body,
      })
      .returning({ id: messages.id });
    await tx
      .update(channelDeliveries)
      .set({ payload: { ...anchorPayload, noteMessageId: note!.id } as unknown as Record<string, unknown> })
      .where(eq(channelDeliveries.id, anchor.id));
  });
}

function at(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function throttleNote(count: number, first: Date, last: Date): string {
  return `流量限制：此联系人在 ${at(first)} 至 ${at(last)} 之间有 ${count} 条消息因发送过快未被记录。/ ${count} message${count === 1 ? '' : 's'} from this contact ${count === 1 ? 'was' : 'were'} held back by the flood limit between ${at(first)} and ${at(last)}.`;
}
