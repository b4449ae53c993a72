import { and, eq, sql } from 'drizzle-orm';
import { linkAttachments, type Uploader } from '../attachments/link.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { AppError } from '../platform/errors.ts';
import type { Jobs } from '../platform/jobs.ts';
import type { SafetyNotice } from '../safety/notice.ts';
import { type Screened, screenIncomingText } from '../safety/screen.ts';
import { emitTicketEvents } from './event-bus.ts';
import type { TicketEvent } from './events.ts';
import type { MessageAuthor, TicketStatus, Visibility } from './model.ts';
import { messages, tickets } from './schema.ts';
import { acceptsMessages, canTransition, statusAfterMessage } from './status.ts';
import { type Actor, factColumns, factsOf, recordChanges } from './timeline.ts';

export interface AddMessageInput {
  ticketId: string;
  /** 'bot' and 'system' (live chat) neither answer the customer as staff nor change the status. */
  authorType: Extract<MessageAuthor, 'customer' | 'agent' | 'integration' | 'bot' | 'system'>;
  authorId: string | null;
  visibility: Visibility;
  body: string;
  /** Client-generated id: a retry with the same id returns the stored message. */
  clientId: string | null;
  attachmentIds: string[];
  uploader: Uploader;
  /** Set the status in the same step ("send and mark solved"). */
  thenStatus?: TicketStatus;
  /** When an automation writes it: carried by its events so a chain of rules stays bounded. */
  automation?: Actor['automation'];
}

export interface AddedMessage {
  id: string;
  seq: number;
  createdAt: Date;
  duplicate: boolean;
  /** What the customer is told at once when a secret was hidden from the message. */
  safetyNotice: SafetyNotice | null;
  /** The ticket's timeline after this write (above `seq` when the message also changed the status). */
  lastSeq: number;
}

/**
 * Adds a message to a ticket's thread in one transaction: the message with its place in the
 * timeline, its attachments, the status change it causes (a customer's reply reopens a solved
 * ticket; an agent's first public reply opens a new one), and the events of both, which carry
 * the reply onward (the customer's notice, the ticket's channel, the clocks) in the same
 * transaction.
 */
export async function addMessage(db: Db, jobs: Jobs, input: AddMessageInput): Promise<AddedMessage> {
  // No look-up first: the unique (ticket, client id) index refuses a resend inside the
  // transaction, and the catch below returns the stored message. One round trip less per message.
  const automated = input.authorType === 'bot' || input.authorType === 'system';
  const actor: Actor = {
    ...(automated
      ? { actorType: 'system', actorId: null }
      : { actorType: input.authorType as Actor['actorType'], actorId: input.authorId }),
    ...(input.automation ? { automation: input.automation } : {}),
  };
  const isStaff = input.authorType === 'agent' || input.authorType === 'integration';
  // Secrets are masked (and a staff request for one refused) before anything is stored.
  const screened = await screenIncomingText(db, {
    ...actor,
    ticketId: input.ticketId,
    visibility: input.visibility,
    body: input.body,
  });
  try {
    return await insertMessage(db, jobs, input, actor, automated, isStaff, screened);
  } catch (err) {
    // Two sends of one client id racing (a resend crossing its original): the loser returns the winner.
    // A resend of a stored message to a ticket closed since then still gets its message back.
    const closed = err instanceof AppError && err.code === 'ticket_closed';
    if (input.clientId && (isUniqueViolation(err) || closed)) {
      const existing = await findByClientId(db, input.ticketId, input.clientId, input);
      if (existing) return { ...existing, duplicate: true, lastSeq: existing.seq, safetyNotice: null };
    }
    throw err;
  }
}

async function insertMessage(
  db: Db,
  jobs: Jobs,
  input: AddMessageInput,
  actor: Actor,
  automated: boolean,
  isStaff: boolean,
  screened: Screened,
): Promise<AddedMessage> {
  return db.transaction(async (tx) => {
    // One statement locks the ticket row (concurrent replies to one ticket take turns), takes the
    // message's place in the timeline and touches the activity time. A closed ticket rolls back.
    const now = new Date();
    const [ticket] = await tx
      .update(tickets)
      .set({ lastSeq: sql`${tickets.lastSeq} + 1`, updatedAt: now, lastActivityAt: now })
      .where(eq(tickets.id, input.ticketId))
      .returning({ ...factColumns, firstResponseAt: tickets.firstResponseAt, seq: tickets.lastSeq });
    if (!ticket) throw new AppError('ticket_not_found');
    if (!acceptsMessages(ticket.status)) throw new AppError('ticket_closed');
    const seq = ticket.seq;
    const [message] = await tx
      .insert(messages)
      .values({
        ticketId: input.ticketId,
        seq,
        clientId: input.clientId,
        authorType: input.authorType,
        authorId: input.authorId,
        visibility: input.visibility,
        body: screened.body,
        createdAt: now,
      })
      .returning({ id: messages.id, seq: messages.seq, createdAt: messages.createdAt });
    await linkAttachments(tx, input.attachmentIds, input.uploader, {
      ticketId: input.ticketId,
      messageId: message!.id,
    });
    await screened.record(tx, { ticketId: input.ticketId, messageId: message!.id });

    const isPublicStaffReply = isStaff && input.visibility === 'public';
    const automatic = automated
      ? null
      : statusAfterMessage(ticket.status, isStaff ? 'agent' : 'customer', input.visibility);
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
    const changesStatus = !!target && target !== ticket.status;
    const firstResponse = isPublicStaffReply && !ticket.firstResponseAt;
    if (changesStatus || firstResponse) {
      await tx
        .update(tickets)
        .set({
          ...(changesStatus ? statusTimestamps(target, now) : {}),
          ...(firstResponse ? { firstResponseAt: now } : {}),
        })
        .where(eq(tickets.id, input.ticketId));
    }
    const facts = factsOf({ ...ticket, status: changesStatus ? target : ticket.status });
    const events: TicketEvent[] = [
      {
        type: 'message.added',
        ticket: facts,
        actor,
        at: now,
        seq,
        message: {
          id: message!.id,
          seq,
          authorType: input.authorType,
          visibility: input.visibility,
          body: screened.body,
        },
      },
    ];
    if (changesStatus) {
      events.push(
        ...(await recordChanges(tx, facts, actor, [['status', ticket.status, target]], now, message!.id)),
      );
    }
    await emitTicketEvents(tx, { db, jobs }, events);
    const [after] = await tx
      .select({ lastSeq: tickets.lastSeq })
      .from(tickets)
      .where(eq(tickets.id, input.ticketId));
    return { ...message!, duplicate: false, lastSeq: after!.lastSeq, safetyNotice: screened.notice };
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

/**
 * The message stored earlier under this client id — only if the same author wrote it: someone
 * else's id (guessed or reused) must not hand back another author's message, an internal note's
 * least of all.
 */
async function findByClientId(
  db: Db,
  ticketId: string,
  clientId: string,
  author: { authorType: string; authorId: string | null },
) {
  const [row] = await db
    .select({
      id: messages.id,
      seq: messages.seq,
      createdAt: messages.createdAt,
      authorType: messages.authorType,
      authorId: messages.authorId,
    })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.clientId, clientId)));
  if (!row) return null;
  if (row.authorType !== author.authorType || row.authorId !== author.authorId) {
    throw new AppError('conflict', { detail: 'clientId is already used on this ticket' });
  }
  return { id: row.id, seq: row.seq, createdAt: row.createdAt };
}
