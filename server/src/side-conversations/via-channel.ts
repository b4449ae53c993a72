import { buffer } from 'node:stream/consumers';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { fetchInboundFile } from '../channels/files.ts';
import { splitText } from '../channels/outbound.ts';
import { adapterEnv, adapterFor, loadChannel, toRecord } from '../channels/registry.ts';
import { channelContacts, channelConversations, channels } from '../channels/schema.ts';
import type { ClaimableMessage } from '../channels/transport.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { recordEvent } from '../tickets/timeline.ts';
import { viaOf } from './commands.ts';
import { threadSideReply } from './inbound.ts';
import { filesOfMessage } from './queries.ts';
import { sideConversationMessages, sideConversations } from './schema.ts';

/**
 * Side conversations through a messaging channel: a group on a platform that the desk's bot shares
 * with a partner (another exchange's support, a chain's foundation). Only platforms on which the
 * desk may write first can carry one (no reply window: Telegram and the signed webhook channel);
 * WeChat and Weibo only let the desk answer someone who wrote within 48 hours.
 */
export function carriesSideConversations(kind: string): boolean {
  const adapter = adapterFor(kind);
  return adapter !== null && adapter.capabilities.replyWindowSeconds === null;
}

/** The enabled channels an agent can start a side conversation through. */
export async function sideConversationChannels(db: Db) {
  const rows = await db
    .select({ id: channels.id, kind: channels.kind, name: channels.name })
    .from(channels)
    .where(eq(channels.enabled, true))
    .orderBy(asc(channels.name));
  return rows.filter((r) => carriesSideConversations(r.kind));
}

/**
 * Checks a side conversation's target before anything is written: a usable channel, and a chat
 * that is not a customer's. A person who ever wrote to the desk on that channel (their private
 * chat, their account), a group where customers have addressed the desk, and the official support
 * group are refused: the conversation is internal, and ticket details must not reach customers.
 */
export async function checkChannelTarget(db: Db, channelId: string, chatId: string) {
  const row = await loadChannel(db, channelId);
  if (!row?.enabled || !carriesSideConversations(row.kind)) {
    throw new AppError('side_conversation_channel_unusable');
  }
  const official = row.settings.supportGroupId;
  const [customerChat] = await db
    .select({ one: sql`1` })
    .from(channelContacts)
    .where(
      and(
        eq(channelContacts.channelId, channelId),
        or(eq(channelContacts.privateChatId, chatId), eq(channelContacts.platformUserId, chatId)),
      ),
    )
    .limit(1);
  const [customerGroup] = await db
    .select({ one: sql`1` })
    .from(channelConversations)
    .where(and(eq(channelConversations.channelId, channelId), eq(channelConversations.chatId, chatId)))
    .limit(1);
  if (customerChat || customerGroup || (official !== undefined && String(official) === chatId)) {
    throw new AppError('side_conversation_chat_refused');
  }
  return { kind: row.kind, name: row.name, botName: senderName(row) };
}

/** Who a channel conversation's outbound messages come from: the bot, else the channel's name. */
export function senderName(row: { name: string; settings: Record<string, unknown> }): string {
  return typeof row.settings.botUsername === 'string' ? `@${row.settings.botUsername}` : row.name;
}

/** An outbound message given up on (mail or platform): failed, and said in the ticket's history. */
export async function markSendFailed(
  db: Db,
  conversation: {
    id: string;
    ticketId: string;
    subject: string;
    chatId: string | null;
    participants: string[];
  },
  messageId: string,
  error: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(sideConversationMessages)
      .set({ status: 'failed', error })
      .where(eq(sideConversationMessages.id, messageId));
    await recordEvent(
      tx,
      conversation.ticketId,
      { actorType: 'system', actorId: null },
      'side_conversation_send_failed',
      null,
      {
        id: conversation.id,
        name: conversation.subject,
        error,
        ...(conversation.chatId !== null ? { via: viaOf(conversation.participants) } : {}),
      },
    );
  });
}

type Row = {
  message: typeof sideConversationMessages.$inferSelect;
  conversation: typeof sideConversations.$inferSelect;
};

/**
 * Sends one outbound message of a channel side conversation through its channel's adapter (split
 * at the platform's length, images along), threaded as an answer to the partner's last message.
 * A refusal that will not change (the bot was removed from the group, the channel deleted) fails
 * at once; others are retried, and the last failure is in the ticket's history.
 */
export async function sendSideChannelMessage(
  services: Services,
  { message, conversation }: Row,
  attempt: { finalAttempt: boolean },
): Promise<void> {
  const { db } = services;
  const fail = (error: string) => markSendFailed(db, conversation, message.id, error);
  const row = conversation.channelId ? await loadChannel(db, conversation.channelId) : null;
  const adapter = row ? adapterFor(row.kind) : null;
  if (!row || !adapter || !conversation.chatId) return fail('the channel was deleted');
  const retry = async (error: string) => {
    if (attempt.finalAttempt) await fail(error);
    throw new Error(error);
  };
  if (!row.enabled) return retry('the channel is disabled');
  const channel = toRecord(row, services.config.appSecret);
  const env = adapterEnv(services);
  const [lastInbound] = await db
    .select({ id: sideConversationMessages.platformMessageId })
    .from(sideConversationMessages)
    .where(
      and(
        eq(sideConversationMessages.conversationId, conversation.id),
        eq(sideConversationMessages.direction, 'inbound'),
      ),
    )
    .orderBy(desc(sideConversationMessages.createdAt))
    .limit(1);
  const files = await filesOfMessage(db, message.id);
  const images = await Promise.all(
    files.map(async (f) => ({
      fileName: f.fileName,
      contentType: f.contentType,
      data: await buffer(await services.storage.open(f.storageKey)),
    })),
  );
  const parts = splitText(message.body, adapter.capabilities.maxTextLength);
  let firstId: string | null = null;
  for (const [i, text] of parts.entries()) {
    const sent = await adapter.send(
      {
        chatId: conversation.chatId,
        text,
        images: i === parts.length - 1 ? images : [],
        replyToPlatformMessageId: i === 0 ? (lastInbound?.id ?? null) : null,
      },
      channel,
      env,
    );
    if (!sent.ok) {
      const error = `${sent.reason}${sent.detail ? `: ${sent.detail}` : ''}`;
      // A part already sent would go again on a retry: only a message with nothing out retries.
      if (sent.retryable && i === 0) return retry(error);
      return fail(error);
    }
    firstId ??= sent.platformMessageId;
  }
  await db
    .update(sideConversationMessages)
    .set({ status: 'sent', error: null, platformMessageId: firstId })
    .where(eq(sideConversationMessages.id, message.id));
}

/**
 * The side conversation a platform message belongs to: the one whose message it answers, else the
 * one last active in its chat (an open one first); null when its chat carries none. Asked at
 * arrival (the message is then paced as a partner's) and when it is processed.
 */
export async function conversationOf(
  db: Db,
  channelId: string,
  message: Pick<ClaimableMessage['message'], 'chatId' | 'replyToPlatformMessageId'>,
): Promise<typeof sideConversations.$inferSelect | null> {
  if (message.replyToPlatformMessageId) {
    const [answered] = await db
      .select({ c: sideConversations })
      .from(sideConversationMessages)
      .innerJoin(sideConversations, eq(sideConversations.id, sideConversationMessages.conversationId))
      .where(
        and(
          eq(sideConversationMessages.platformMessageId, message.replyToPlatformMessageId),
          eq(sideConversations.channelId, channelId),
        ),
      )
      .limit(1);
    if (answered) return answered.c;
  }
  const [inChat] = await db
    .select()
    .from(sideConversations)
    .where(and(eq(sideConversations.channelId, channelId), eq(sideConversations.chatId, message.chatId)))
    .orderBy(sql`${sideConversations.status} = 'open' desc`, desc(sideConversations.updatedAt))
    .limit(1);
  return inChat ?? null;
}

/**
 * A platform message in a chat that carries side conversations: the conversation whose message it
 * answers, else the one last active in that chat (an open one first). Files are fetched and checked
 * like a customer's; the text was screened and masked when it arrived (channels/ingest.ts).
 */
export async function claimSideChannelMessage(services: Services, m: ClaimableMessage): Promise<boolean> {
  const { db } = services;
  const { channel, message } = m;
  const conv = await conversationOf(db, channel.id, message);
  if (!conv) return false;
  // A job retried after the reply was stored: it is there already.
  const [seen] = await db
    .select({ id: sideConversationMessages.id })
    .from(sideConversationMessages)
    .where(
      and(
        eq(sideConversationMessages.conversationId, conv.id),
        eq(sideConversationMessages.platformMessageId, message.platformMessageId),
        eq(sideConversationMessages.direction, 'inbound'),
      ),
    )
    .limit(1);
  if (seen) return true;
  const attachmentIds: string[] = [];
  const notes: string[] = [];
  for (const file of message.files) {
    const fetched = await fetchInboundFile(services, m.adapter, channel, m.env, file);
    if (fetched.ok) attachmentIds.push(fetched.attachmentId);
    else notes.push(`[文件未接收 file not accepted: ${fetched.fileName} (${fetched.reason})]`);
  }
  const body = [message.text, ...notes].filter((s) => s.trim()).join('\n') || '(空消息 / empty message)';
  const who = message.from.displayName ?? message.from.platformUserId;
  await threadSideReply(db, services.jobs, conv, {
    from: `${who} (${channel.kind} ${message.from.platformUserId})`,
    to: [`${channel.kind}:${message.chatId}`],
    body,
    rfcMessageId: null,
    platformMessageId: message.platformMessageId,
    auth: null,
    // The platform vouches for the account, not for whom it belongs to: not "verified" as DMARC is.
    verified: false,
    participant: true,
    attachmentIds,
    via: channel.kind,
  });
  return true;
}
