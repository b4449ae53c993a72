import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Uploader } from '../attachments/link.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage } from '../tickets/add-message.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import type { Channel } from '../tickets/model.ts';
import { messages, tickets } from '../tickets/schema.ts';
import type { InboundMessage } from './adapter.ts';
import type { Contact } from './contacts.ts';
import { channelConversations } from './schema.ts';

export const SYSTEM_UPLOADER: Uploader = { uploaderType: 'system', uploaderId: null };

export interface AppendInput {
  channelId: string;
  ticketChannel: Channel;
  channelName: string;
  message: InboundMessage;
  contact: Contact;
  body: string;
  attachmentIds: string[];
  tags: string[];
}

/**
 * Puts a person's message on the ticket of its conversation: the chat's current ticket while it is
 * not closed, otherwise a new one. Chats take turns through a transaction-scoped advisory lock, so
 * two messages racing on a new chat still make one ticket.
 */
export async function appendToConversation(
  tx: Tx,
  jobs: Jobs,
  input: AppendInput,
): Promise<{ ticketId: string; messageId: string; created: boolean }> {
  const { message, contact } = input;
  // In a public place every author has a conversation of their own.
  const threadKey = message.isPublic ? `${message.chatId}/${message.from.platformUserId}` : message.chatId;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${input.channelId}:${threadKey}`}))`);
  const [current] = await tx
    .select({ id: channelConversations.id, ticketId: channelConversations.ticketId, status: tickets.status })
    .from(channelConversations)
    .innerJoin(tickets, eq(tickets.id, channelConversations.ticketId))
    .where(
      and(eq(channelConversations.channelId, input.channelId), eq(channelConversations.threadKey, threadKey)),
    )
    .orderBy(desc(channelConversations.createdAt))
    .limit(1);
  const db = tx as unknown as Db;
  if (current && current.status !== 'closed') {
    const added = await addMessage(db, jobs, {
      ticketId: current.ticketId,
      authorType: 'customer',
      authorId: contact.customerId,
      visibility: 'public',
      body: input.body,
      clientId: `channel:${message.platformMessageId}`,
      attachmentIds: input.attachmentIds,
      uploader: SYSTEM_UPLOADER,
    });
    // What is learnt later (a secret exposed) is added to the ticket's tags.
    await tx
      .update(tickets)
      .set({ tags: sql`array(select distinct unnest(${tickets.tags} || ${sql.param(input.tags)}::text[]))` })
      .where(eq(tickets.id, current.ticketId));
    await tx
      .update(channelConversations)
      .set({ lastInboundAt: new Date(), lastInboundMessageId: message.platformMessageId })
      .where(eq(channelConversations.id, current.id));
    return { ticketId: current.ticketId, messageId: added.id, created: false };
  }
  const title = titleOf(input.body, input.channelName);
  const { id: ticketId } = await createTicket(db, jobs, {
    customerId: contact.customerId,
    title,
    description: input.body,
    categoryId: null,
    priority: null,
    priorityFromStaff: false,
    fields: {},
    attachmentIds: input.attachmentIds,
    channel: input.ticketChannel,
    idempotencyKey: `channel:${input.channelId}:${message.platformMessageId}`,
    actor: { actorType: 'customer', actorId: contact.customerId },
    uploader: SYSTEM_UPLOADER,
    tags: input.tags,
  });
  await tx.insert(channelConversations).values({
    channelId: input.channelId,
    chatId: message.chatId,
    threadKey,
    isPublic: message.isPublic,
    contactId: contact.id,
    ticketId,
    lastInboundAt: new Date(),
    lastInboundMessageId: message.platformMessageId,
  });
  const [first] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.ticketId, ticketId))
    .orderBy(asc(messages.seq))
    .limit(1);
  return { ticketId, messageId: first!.id, created: true };
}

function titleOf(body: string, channelName: string): string {
  const line = body.split('\n').find((l) => l.trim()) ?? '';
  const short = line.trim().slice(0, 60);
  return short
    ? `${channelName}: ${short}${line.trim().length > 60 ? '…' : ''}`
    : `${channelName}: [图片 image]`;
}
