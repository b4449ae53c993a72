import { and, eq, inArray } from 'drizzle-orm';
import type { AuthVerdict } from '../channels/email/authenticity.ts';
import type { ClaimableMail } from '../channels/email/inbound.ts';
import { referencedIds } from '../channels/email/message-id.ts';
import { headerText } from '../channels/email/parse.ts';
import type { Db } from '../db/client.ts';
import { notifyAgents } from '../notifications/agent-notices.ts';
import type { Jobs } from '../platform/jobs.ts';
import { maskSecrets } from '../safety/mask.ts';
import { emitTicketEvents } from '../tickets/event-bus.ts';
import { formatTicketNumber } from '../tickets/model.ts';
import { recordTicketChange } from '../tickets/timeline.ts';
import { linkSideAttachments } from './commands.ts';
import { sideConversationMessages, sideConversations } from './schema.ts';
import { tokensOf } from './tokens.ts';

const SYSTEM = { uploaderType: 'system' as const, uploaderId: null };

/** The side conversation a mail answers: by its reply token, else by the Message-IDs it names. */
async function conversationOf(db: Db, m: ClaimableMail) {
  const recipients = [
    ...m.envelope.rcptTo,
    headerText(m.mail.headers, 'to'),
    headerText(m.mail.headers, 'cc'),
  ];
  const tokens = tokensOf(recipients);
  if (tokens.length) {
    const [byToken] = await db
      .select()
      .from(sideConversations)
      .where(inArray(sideConversations.token, tokens))
      .limit(1);
    // A token that names nothing (made up, or mistyped) proves nothing: the mail goes on as any other.
    if (byToken) return byToken;
  }
  const ids = referencedIds(m.mail.inReplyTo, m.mail.references).filter((id) => id.startsWith('kf-sc.'));
  if (ids.length === 0) return null;
  const [byHeader] = await db
    .select({ conversation: sideConversations })
    .from(sideConversationMessages)
    .innerJoin(sideConversations, eq(sideConversations.id, sideConversationMessages.conversationId))
    .where(
      and(
        inArray(sideConversationMessages.rfcMessageId, ids),
        eq(sideConversationMessages.direction, 'outbound'),
      ),
    )
    .limit(1);
  return byHeader?.conversation ?? null;
}

/**
 * Threads a third party's answer mail into its side conversation (never the customer's thread,
 * never a new ticket): stored with the authenticity verdict, secrets masked (threadSideReply).
 */
export async function claimSideReply(db: Db, jobs: Jobs, m: ClaimableMail): Promise<boolean> {
  const conv = await conversationOf(db, m);
  if (!conv) return false;
  if (m.mail.messageId) {
    const [seen] = await db
      .select({ id: sideConversationMessages.id })
      .from(sideConversationMessages)
      .where(
        and(
          eq(sideConversationMessages.rfcMessageId, m.mail.messageId),
          eq(sideConversationMessages.direction, 'inbound'),
        ),
      )
      .limit(1);
    if (seen) return true;
  }
  const attachmentIds = await m.storeAttachments();
  const body = maskSecrets(
    m.mail.text || (attachmentIds.length ? '(附件 / attachments)' : '(空邮件 / empty mail)'),
  );
  await threadSideReply(db, jobs, conv, {
    from: m.mail.fromAddress,
    to: m.envelope.rcptTo.map((a) => a.toLowerCase()),
    body,
    rfcMessageId: m.mail.messageId,
    platformMessageId: null,
    auth: m.auth,
    verified: m.auth.verified,
    participant: conv.participants.includes(m.mail.fromAddress),
    attachmentIds,
  });
  return true;
}

type Conversation = typeof sideConversations.$inferSelect;

/**
 * Stores a third party's answer (mail or platform message, its secrets already masked) in its
 * side conversation, in one transaction: the conversation reopened if it was closed, the reply in
 * the ticket's history and a `side_conversation.reply_received` event, and the assignee (else the
 * agent who started it) notified.
 */
export async function threadSideReply(
  db: Db,
  jobs: Jobs,
  conv: Conversation,
  reply: {
    from: string;
    to: string[];
    body: string;
    rfcMessageId: string | null;
    platformMessageId: string | null;
    auth: AuthVerdict | null;
    verified: boolean;
    participant: boolean;
    attachmentIds: readonly string[];
    /** Through a messaging channel: its kind, for the history ("telegram"). */
    via?: string;
  },
): Promise<void> {
  const { from, body } = reply;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sideConversationMessages)
      .values({
        conversationId: conv.id,
        direction: 'inbound',
        fromAddress: from,
        toAddresses: reply.to,
        body: body.slice(0, 20_000),
        rfcMessageId: reply.rfcMessageId,
        platformMessageId: reply.platformMessageId,
        auth: reply.auth,
        verified: reply.verified,
        status: 'received',
      })
      .returning({ id: sideConversationMessages.id });
    await linkSideAttachments(tx, reply.attachmentIds, SYSTEM, {
      ticketId: conv.ticketId,
      messageId: row!.id,
    });
    const now = new Date();
    await tx
      .update(sideConversations)
      .set({ status: 'open', closedAt: null, updatedAt: now })
      .where(eq(sideConversations.id, conv.id));
    // Its event (side_conversation.reply_received) names the sender and the verdict, never the
    // third party's text: triggers and webhooks see what the history shows.
    const event = await recordTicketChange(
      tx,
      conv.ticketId,
      { actorType: 'system', actorId: null },
      'side_conversation_reply',
      null,
      {
        id: conv.id,
        name: conv.subject,
        from,
        verified: reply.verified,
        participant: reply.participant,
        ...(reply.via ? { via: reply.via } : {}),
      },
    );
    await emitTicketEvents(tx, { db, jobs }, [event]);
    // The ticket's facts came back with the event's seq: no read of its own.
    const ticket = event.ticket;
    const agentId = ticket.assigneeId ?? conv.createdByAgentId;
    if (agentId) {
      await notifyAgents(tx, [
        {
          agentId,
          ticketId: conv.ticketId,
          kind: 'side_reply',
          sourceKey: `side:${row!.id}`,
          title: `${formatTicketNumber(ticket.number)} ${conv.subject}`.slice(0, 300),
          body: `${from}: ${body}`.slice(0, 300),
        },
      ]);
    }
  });
}
