import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Services } from '../platform/services.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import type { Channel } from '../tickets/model.ts';
import type { AdapterEnv, ChannelAdapter, ChannelRecord, InboundMessage } from './adapter.ts';
import { type AutoAnswer, answerCommonQuestion, autoAnswerNote } from './auto-answers.ts';
import { type Contact, contactFor, isVerified } from './contacts.ts';
import { appendToConversation } from './conversation.ts';
import { fetchInboundFile } from './files.ts';
import { markDelivery } from './ingest.ts';
import { noteOnTicket } from './notes.ts';
import { adapterEnv, adapterFor, loadChannel, toRecord } from './registry.ts';
import { languageOf, privateSecretWarning, publicRedirect, redirectNote } from './replies.ts';
import { channelDeliveries } from './schema.ts';
import { type Screening, type SecretDetector, screenPublicMessage } from './screening.ts';
import { sensitiveTopics } from './sensitive-topics.ts';
import { throttleNotice } from './throttle.ts';
import { offerVerification } from './verify-offer.ts';

const TICKET_CHANNELS: Record<string, Channel> = { telegram: 'telegram', wechat: 'wechat', weibo: 'weibo' };

/**
 * Turns one stored inbound message into desk state: held to the person's pace, screened for
 * secrets, files fetched and checked, the person's contact, the message on the conversation's ticket; then, for a public
 * message about private matters, the public redirect (and deletion and private warning for a secret).
 */
export async function processInbound(
  services: Services,
  core: { detector: SecretDetector; limiter: RateLimiter },
  deliveryId: string,
  log: Logger,
): Promise<void> {
  const { db } = services;
  const { detector, limiter } = core;
  const [delivery] = await db.select().from(channelDeliveries).where(eq(channelDeliveries.id, deliveryId));
  if (delivery?.status !== 'received' || !delivery.payload) return;
  const message = delivery.payload as unknown as InboundMessage;
  const row = await loadChannel(db, delivery.channelId);
  const adapter = row ? adapterFor(row.kind) : null;
  if (!row || !adapter)
    return markDelivery(db, deliveryId, { status: 'processed', payload: null, error: 'channel_gone' });
  const channel = toRecord(row);
  const env = adapterEnv(services);
  // In a group the desk takes only what is said to it; other chatter never reaches the inbox. In
  // the official group, a common question the help center answers gets the article, in public.
  if (message.isPublic && !message.addressed) {
    const answered = await answerCommonQuestion({
      services,
      limiter,
      detector,
      adapter,
      channel,
      env,
      message,
      log,
    });
    return markDelivery(db, deliveryId, {
      status: 'processed',
      payload: null,
      error: answered ? `answered_from_help:${answered.slug}` : 'not_addressed',
    });
  }
  const lang = languageOf(message.text);
  // Over its sender's pace when it arrived (ingest.ts): dropped, the person told once per window.
  const throttled = (delivery.payload as { throttled?: { notify: boolean } }).throttled;
  if (throttled) {
    await markDelivery(db, deliveryId, { status: 'processed', payload: null, error: 'throttled' });
    if (throttled.notify) {
      const sent = await adapter.send(
        {
          chatId: message.from.privateChatId ?? message.chatId,
          text: throttleNotice(lang),
          images: [],
          replyToPlatformMessageId: null,
        },
        channel,
        env,
      );
      if (!sent.ok) log.warn({ reason: sent.reason }, 'throttle notice not delivered');
    }
    return;
  }
  const contact = await contactFor(db, channel.id, channel.name, message.from, lang);
  const screening = screenPublicMessage(detector, message.text);
  const notes: string[] = [];
  const attachmentIds: string[] = [];
  for (const file of message.files) {
    const fetched = await fetchInboundFile(services, adapter, channel, env, file);
    if (fetched.ok) attachmentIds.push(fetched.attachmentId);
    else notes.push(`[文件未接收 file not accepted: ${fetched.fileName} (${fetched.reason})]`);
  }
  const body = [screening.text, ...notes].filter((s) => s.trim()).join('\n') || '[空消息 empty message]';
  const ticketId = await db.transaction(async (tx) => {
    const tags = [
      `channel:${channel.kind}`,
      ...(isVerified(contact) ? [] : ['unverified']),
      ...(message.isPublic ? ['public'] : []),
      ...(screening.secrets.length ? ['secret-exposed'] : []),
    ];
    const placed = await appendToConversation(tx, services.jobs, {
      channelId: channel.id,
      ticketChannel: TICKET_CHANNELS[channel.kind] ?? 'webhook',
      channelName: channel.name,
      message,
      contact,
      body,
      attachmentIds,
      tags,
    });
    await tx
      .update(channelDeliveries)
      .set({ status: 'processed', payload: null, ticketId: placed.ticketId, messageId: placed.messageId })
      .where(eq(channelDeliveries.id, deliveryId));
    return placed.ticketId;
  });
  // What the desk already answered on its own (the passive reply) is shown to the agents.
  const auto = (message as InboundMessage & { autoAnswer?: AutoAnswer }).autoAnswer;
  if (auto) {
    await noteOnTicket(
      db,
      ticketId,
      'channel_auto_answer',
      { kind: auto.kind, articleId: auto.articleId ?? null },
      autoAnswerNote(auto),
    );
  }
  await offerVerification({ services, adapter, channel, env, message, contact, ticketId });
  const topics = message.isPublic ? sensitiveTopics(message.text) : [];
  if (message.isPublic && (topics.length > 0 || screening.secrets.length > 0)) {
    await redirectToPrivate({
      services,
      adapter,
      channel,
      env,
      message,
      contact,
      ticketId,
      screening,
      log,
      topics,
    });
  }
}

async function redirectToPrivate(args: {
  services: Services;
  adapter: ChannelAdapter;
  channel: ChannelRecord;
  env: AdapterEnv;
  message: InboundMessage;
  contact: Contact;
  ticketId: string;
  screening: Screening;
  topics: ReturnType<typeof sensitiveTopics>;
  log: Logger;
}): Promise<void> {
  const { adapter, channel, env, message, contact, screening } = args;
  const lang = languageOf(message.text);
  const secret = screening.secrets.length > 0;
  const link =
    (typeof channel.settings.privateLink === 'string' && channel.settings.privateLink) ||
    adapter.privateChatLink?.(channel) ||
    new URL('/chat', env.config.publicUrl).href;
  let deleted = false;
  let warned = false;
  if (secret && adapter.deleteMessage) {
    deleted = await adapter
      .deleteMessage(message.chatId, message.platformMessageId, channel, env)
      .catch(() => false);
  }
  const answer = await adapter.send(
    {
      chatId: message.chatId,
      text: publicRedirect(lang, link, secret),
      images: [],
      // Never quote a message that held a secret (it may not be deletable).
      replyToPlatformMessageId: secret ? null : message.platformMessageId,
    },
    channel,
    env,
  );
  if (!answer.ok) args.log.warn({ reason: answer.reason }, 'public redirect not delivered');
  if (secret && contact.privateChatId) {
    const warning = await adapter.send(
      {
        chatId: contact.privateChatId,
        text: privateSecretWarning(lang),
        images: [],
        replyToPlatformMessageId: null,
      },
      channel,
      env,
    );
    warned = warning.ok;
  }
  const secretKinds = [...new Set(screening.secrets.map((s) => s.kind))];
  await noteOnTicket(
    args.services.db,
    args.ticketId,
    'channel_public_redirect',
    { topics: args.topics, secrets: secretKinds, deleted, warned, answered: answer.ok },
    redirectNote(args.topics, secretKinds, deleted, warned),
  );
}
