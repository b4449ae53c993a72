import { and, eq, isNull } from 'drizzle-orm';
import { type Uploader, unusedUploadsOf } from '../attachments/link.ts';
import { attachments } from '../attachments/schema.ts';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { maskSecrets } from '../safety/mask.ts';
import { screenStaffText } from '../safety/screen.ts';
import { emitTicketEvents } from '../tickets/event-bus.ts';
import { type Actor, recordTicketChange } from '../tickets/timeline.ts';
import { sideConversationSend } from './jobs.ts';
import { sideConversationAttachments, sideConversationMessages, sideConversations } from './schema.ts';
import { newToken } from './tokens.ts';

export interface Author {
  actor: Actor;
  /** The agent, when an agent writes (integrations write too, with no agent). */
  agentId: string | null;
  uploader: Uploader;
}

/**
 * The agent's words before they leave the desk: the same screen as a public reply (a request for
 * the customer's secret is refused and audited; a secret pasted or quoted in is masked).
 */
async function screened(db: Db, author: Author, ticketId: string, subject: string, body: string) {
  const s = await screenStaffText(db, {
    actorType: author.actor.actorType === 'integration' ? 'integration' : 'agent',
    actorId: author.actor.actorId,
    ticketId,
    visibility: 'public',
    title: subject,
    body,
  });
  return { subject: s.title ?? maskSecrets(subject), body: s.body };
}

/**
 * Links uploads to a side conversation's mail. Only the uploader's own files that nothing holds
 * yet qualify (the same rule as a ticket's message); the file then belongs to the ticket, so only
 * staff can download it (no public message names it).
 */
export async function linkSideAttachments(
  tx: Executor,
  ids: readonly string[],
  uploader: Uploader,
  target: { ticketId: string; messageId: string; imagesOnly?: boolean },
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await tx
    .update(attachments)
    .set({ ticketId: target.ticketId })
    // Not a ticket's file yet either: one side conversation's file cannot be pulled into another.
    .where(and(unusedUploadsOf(unique, uploader), isNull(attachments.ticketId)))
    .returning({ id: attachments.id, contentType: attachments.contentType });
  if (rows.length !== unique.length) {
    throw new AppError('validation_failed', { detail: 'attachmentIds: unknown or already used attachment' });
  }
  // A messaging channel carries pictures, not documents (the caller's transaction rolls back).
  if (target.imagesOnly && rows.some((r) => !r.contentType.startsWith('image/'))) {
    throw new AppError('validation_failed', {
      detail: 'attachmentIds: only images can be sent through a messaging channel',
    });
  }
  await tx
    .insert(sideConversationAttachments)
    .values(rows.map((r) => ({ messageId: target.messageId, attachmentId: r.id })));
}

/**
 * Opens a side conversation with its first message, queued for sending in the same transaction:
 * a mail to `to`, or, with `via`, a message in a group through a messaging channel (`to` is then
 * the one participant "<kind>:<chat id>").
 */
export async function startSideConversation(
  db: Db,
  jobs: Jobs,
  input: {
    ticketId: string;
    author: Author;
    fromAddress: string;
    to: readonly string[];
    /** Through a messaging channel: which, its kind (the history names it) and the group. */
    via: { channelId: string; chatId: string; kind: string } | null;
    subject: string;
    body: string;
    attachmentIds: readonly string[];
  },
): Promise<{ id: string; messageId: string }> {
  const text = await screened(db, input.author, input.ticketId, input.subject, input.body);
  const to = [...new Set(input.to.map((a) => a.trim().toLowerCase()))];
  return db.transaction(async (tx) => {
    const [conv] = await tx
      .insert(sideConversations)
      .values({
        ticketId: input.ticketId,
        subject: text.subject,
        participants: to,
        token: newToken(),
        createdByAgentId: input.author.agentId,
        channelId: input.via?.channelId ?? null,
        chatId: input.via?.chatId ?? null,
      })
      .returning({ id: sideConversations.id });
    const messageId = await queueOutbound(tx, jobs, {
      conversationId: conv!.id,
      ticketId: input.ticketId,
      author: input.author,
      fromAddress: input.fromAddress,
      to,
      body: text.body,
      attachmentIds: input.attachmentIds,
      imagesOnly: input.via !== null,
    });
    // The history row and its event (side_conversation.started) carry no mail text: see
    // docs/automations.md, "Ticket events".
    const event = await recordTicketChange(
      tx,
      input.ticketId,
      input.author.actor,
      'side_conversation_started',
      null,
      {
        id: conv!.id,
        name: text.subject,
        to,
        ...(input.via ? { via: input.via.kind } : {}),
      },
    );
    await emitTicketEvents(tx, { db, jobs }, [event]);
    return { id: conv!.id, messageId };
  });
}

/** An agent's further mail in an open side conversation, to its participants. */
export async function replyInSideConversation(
  db: Db,
  jobs: Jobs,
  input: {
    conversationId: string;
    author: Author;
    fromAddress: string;
    body: string;
    attachmentIds: readonly string[];
  },
): Promise<{ messageId: string }> {
  const [conv] = await db
    .select()
    .from(sideConversations)
    .where(eq(sideConversations.id, input.conversationId));
  if (!conv) throw new AppError('side_conversation_not_found');
  if (conv.status === 'closed') throw new AppError('side_conversation_closed');
  const text = await screened(db, input.author, conv.ticketId, conv.subject, input.body);
  return db.transaction(async (tx) => {
    const messageId = await queueOutbound(tx, jobs, {
      conversationId: conv.id,
      ticketId: conv.ticketId,
      author: input.author,
      fromAddress: input.fromAddress,
      to: conv.participants,
      body: text.body,
      attachmentIds: input.attachmentIds,
      imagesOnly: conv.chatId !== null,
    });
    await tx
      .update(sideConversations)
      .set({ updatedAt: new Date() })
      .where(eq(sideConversations.id, conv.id));
    const event = await recordTicketChange(
      tx,
      conv.ticketId,
      input.author.actor,
      'side_conversation_message',
      null,
      {
        id: conv.id,
        name: conv.subject,
        to: conv.participants,
        ...(conv.chatId !== null ? { via: viaOf(conv.participants) } : {}),
      },
    );
    await emitTicketEvents(tx, { db, jobs }, [event]);
    return { messageId };
  });
}

/** A channel conversation's platform, from its one participant "<kind>:<chat id>". */
export function viaOf(participants: readonly string[]): string {
  return participants[0]?.split(':')[0] ?? 'channel';
}

async function queueOutbound(
  tx: Executor,
  jobs: Jobs,
  m: {
    conversationId: string;
    ticketId: string;
    author: Author;
    fromAddress: string;
    to: readonly string[];
    body: string;
    attachmentIds: readonly string[];
    imagesOnly: boolean;
  },
): Promise<string> {
  const [row] = await tx
    .insert(sideConversationMessages)
    .values({
      conversationId: m.conversationId,
      direction: 'outbound',
      authorAgentId: m.author.agentId,
      fromAddress: m.fromAddress,
      toAddresses: [...m.to],
      body: m.body,
      status: 'queued',
    })
    .returning({ id: sideConversationMessages.id });
  await linkSideAttachments(tx, m.attachmentIds, m.author.uploader, {
    ticketId: m.ticketId,
    messageId: row!.id,
    imagesOnly: m.imagesOnly,
  });
  await jobs.send(sideConversationSend, { messageId: row!.id }, tx);
  return row!.id;
}

/** Closes or reopens a side conversation; either is in the ticket's history and a ticket event. */
export async function setSideConversationStatus(
  db: Db,
  jobs: Jobs,
  conversationId: string,
  status: 'open' | 'closed',
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [conv] = await tx
      .select()
      .from(sideConversations)
      .where(eq(sideConversations.id, conversationId))
      .for('update');
    if (!conv) throw new AppError('side_conversation_not_found');
    if (conv.status === status) return;
    const now = new Date();
    await tx
      .update(sideConversations)
      .set({ status, updatedAt: now, closedAt: status === 'closed' ? now : null })
      .where(eq(sideConversations.id, conv.id));
    const event = await recordTicketChange(
      tx,
      conv.ticketId,
      actor,
      status === 'closed' ? 'side_conversation_closed' : 'side_conversation_reopened',
      null,
      { id: conv.id, name: conv.subject },
    );
    await emitTicketEvents(tx, { db, jobs }, [event]);
  });
}
