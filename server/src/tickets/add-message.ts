import { and, eq } from 'drizzle-orm';
import { linkAttachments, type Uploader } from '../attachments/link.ts';
import type { Db } from '../db/client.ts';
import { agentReplyNotice } from '../notifications/inbox.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import { isUniqueViolation } from './create-ticket.ts';
import type { MessageAuthor, TicketStatus, Visibility } from './model.ts';
import { messages, tickets } from './schema.ts';
import { acceptsMessages, canTransition, statusAfterMessage } from './status.ts';
import { type Actor, nextSeq, recordEvent } from './timeline.ts';

export interface AddMessageInput {
  ticketId: string;
  authorType: Extract<MessageAuthor, 'customer' | 'agent' | 'integration'>;
  authorId: string | null;
  visibility: Visibility;
  body: string;
  /** Client-generated id: a retry with the same id returns the stored message. */
  clientId: string | null;
  attachmentIds: string[];
  uploader: Uploader;
  /** Set the status in the same step ("send and mark solved"). */
  thenStatus?: TicketStatus;
}

export interface AddedMessage {
  id: string;
  seq: number;
  createdAt: Date;
  duplicate: boolean;
}

/**
 * Adds a message to a ticket's thread in one transaction: the message with its place in the
 * timeline, its attachments, the status change it causes (a customer's reply reopens a solved
 * ticket; an agent's first public reply opens a new one), and, for a public staff reply, the
 * customer's inbox notice, enqueued atomically with the message.
 */
export async function addMessage(db: Db, jobs: Jobs, input: AddMessageInput): Promise<AddedMessage> {
  if (input.clientId) {
    const existing = await findByClientId(db, input.ticketId, input.clientId);
    if (existing) return { ...existing, duplicate: true };
  }
  const actor: Actor = { actorType: input.authorType, actorId: input.authorId };
  const isStaff = input.authorType !== 'customer';
  try {
    return await insertMessage(db, jobs, input, actor, isStaff);
  } catch (err) {
    // Two retries racing with one clientId (PostgreSQL runs them side by side): the loser answers
    // with the winner's message instead of a 500.
    if (input.clientId && isUniqueViolation(err)) {
      const existing = await findByClientId(db, input.ticketId, input.clientId);
      if (existing) return { ...existing, duplicate: true };
    }
    throw err;
  }
}

async function insertMessage(
  db: Db,
  jobs: Jobs,
  input: AddMessageInput,
  actor: Actor,
  isStaff: boolean,
): Promise<AddedMessage> {
  return db.transaction(async (tx) => {
    // Lock the ticket row first: concurrent replies to one ticket take turns.
    const [ticket] = await tx
      .select({ status: tickets.status, firstResponseAt: tickets.firstResponseAt })
      .from(tickets)
      .where(eq(tickets.id, input.ticketId))
      .for('update');
    if (!ticket) throw new AppError('ticket_not_found');
    if (!acceptsMessages(ticket.status)) throw new AppError('ticket_closed');

    const seq = await nextSeq(tx, input.ticketId);
    const now = new Date();
    const [message] = await tx
      .insert(messages)
      .values({
        ticketId: input.ticketId,
        seq,
        clientId: input.clientId,
        authorType: input.authorType,
        authorId: input.authorId,
        visibility: input.visibility,
        body: input.body,
        createdAt: now,
      })
      .returning({ id: messages.id, seq: messages.seq, createdAt: messages.createdAt });
    await linkAttachments(tx, input.attachmentIds, input.uploader, {
      ticketId: input.ticketId,
      messageId: message!.id,
    });

    const isPublicStaffReply = isStaff && input.visibility === 'public';
    const automatic = statusAfterMessage(ticket.status, isStaff ? 'agent' : 'customer', input.visibility);
    const target = input.thenStatus ?? automatic;
    // thenStatus goes through the state machine like a PATCH: it once let a reply send a ticket
    // back to "new".
    if (
      input.thenStatus &&
      input.thenStatus !== ticket.status &&
      !canTransition(actor.actorType, ticket.status, input.thenStatus)
    ) {
      throw new AppError('invalid_transition', { from: ticket.status, to: input.thenStatus });
    }
    await tx
      .update(tickets)
      .set({
        updatedAt: now,
        lastActivityAt: now,
        ...(target && target !== ticket.status ? statusTimestamps(target, now) : {}),
        ...(isPublicStaffReply && !ticket.firstResponseAt ? { firstResponseAt: now } : {}),
      })
      .where(eq(tickets.id, input.ticketId));
    if (target && target !== ticket.status) {
      await recordEvent(tx, input.ticketId, actor, 'status', ticket.status, target);
    }
    if (isPublicStaffReply) {
      await jobs.send(agentReplyNotice, { messageId: message!.id }, tx);
    }
    return { ...message!, duplicate: false };
  });
}

/** The columns that change with a status. */
export function statusTimestamps(status: TicketStatus, now: Date) {
  return {
    status,
    ...(status === 'solved' ? { solvedAt: now } : {}),
    ...(status === 'closed' ? { closedAt: now } : {}),
    ...(status === 'open' ? { solvedAt: null, closedAt: null } : {}),
  };
}

async function findByClientId(db: Db, ticketId: string, clientId: string) {
  const [row] = await db
    .select({ id: messages.id, seq: messages.seq, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.clientId, clientId)));
  return row ?? null;
}
