import { asc, eq } from 'drizzle-orm';
import type Mail from 'nodemailer/lib/mailer';
import type { EmailChannel } from '../channels/email/channel.ts';
import { brandName } from '../channels/email/compose.ts';
import type { Services } from '../platform/services.ts';
import { filesOfMessage } from './queries.ts';
import { sideConversationMessages, sideConversations } from './schema.ts';
import { replyAddress, sideMessageId } from './tokens.ts';
import { markSendFailed, sendSideChannelMessage } from './via-channel.ts';

/**
 * Sends one outbound message of a side conversation: through a messaging channel for one held in
 * a group (via-channel.ts), else this. Sends one outbound mail of a side conversation from the support mailbox, with Reply-To carrying
 * the conversation's token and In-Reply-To/References naming the thread so far. Its Message-ID is
 * stored before the relay is asked, so a quick answer threads even while the job is finishing; on
 * the last failed attempt the failure is in the ticket's history.
 */
export async function sendSideMail(
  services: Services,
  channel: EmailChannel | null,
  messageId: string,
  attempt: { finalAttempt: boolean },
): Promise<void> {
  const { db, config } = services;
  const [row] = await db
    .select({ message: sideConversationMessages, conversation: sideConversations })
    .from(sideConversationMessages)
    .innerJoin(sideConversations, eq(sideConversations.id, sideConversationMessages.conversationId))
    .where(eq(sideConversationMessages.id, messageId));
  if (row?.message.status !== 'queued') return;
  const { message, conversation } = row;
  // A conversation in a group goes through its channel's adapter (kept even when the channel
  // is gone: chatId stays, and the send then fails with that reason).
  if (conversation.chatId !== null) return sendSideChannelMessage(services, row, attempt);
  await channel?.outbound.refresh?.();
  const domain = channel?.outbound.email.dkim?.domainName ?? message.fromAddress.split('@')[1]!;
  const rfcMessageId = message.rfcMessageId ?? sideMessageId(config.appSecret, message.id, domain);
  if (!message.rfcMessageId)
    await db
      .update(sideConversationMessages)
      .set({ rfcMessageId })
      .where(eq(sideConversationMessages.id, message.id));

  const thread = (
    await db
      .select({
        id: sideConversationMessages.id,
        rfc: sideConversationMessages.rfcMessageId,
        direction: sideConversationMessages.direction,
      })
      .from(sideConversationMessages)
      .where(eq(sideConversationMessages.conversationId, conversation.id))
      .orderBy(asc(sideConversationMessages.createdAt), asc(sideConversationMessages.id))
  ).filter((m) => m.id !== message.id && m.rfc);
  const lastInbound = thread.filter((m) => m.direction === 'inbound').at(-1);
  const files = await filesOfMessage(db, message.id);
  const mail: Mail.Options = {
    from: { name: await brandName(db, 'en'), address: message.fromAddress },
    to: message.toAddresses,
    replyTo: replyAddress(message.fromAddress, conversation.token),
    subject: thread.length ? `Re: ${conversation.subject}` : conversation.subject,
    text: message.body,
    messageId: `<${rfcMessageId}>`,
    ...(lastInbound ? { inReplyTo: `<${lastInbound.rfc}>` } : {}),
    ...(thread.length ? { references: thread.map((m) => `<${m.rfc}>`) } : {}),
    attachments: await Promise.all(
      files.map(async (f) => ({
        filename: f.fileName,
        contentType: f.contentType,
        content: await services.storage.open(f.storageKey),
      })),
    ),
  };
  try {
    const transport = channel?.outbound.transport;
    if (!transport) throw new Error('no outbound relay configured (EMAIL_RELAY_URL)');
    await transport.sendMail(mail);
    await db
      .update(sideConversationMessages)
      .set({ status: 'sent', error: null })
      .where(eq(sideConversationMessages.id, message.id));
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (attempt.finalAttempt) await markSendFailed(db, conversation, message.id, error);
    throw err;
  }
}
