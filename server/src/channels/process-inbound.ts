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
import { markDelivery, type StoredMessage } from './ingest.ts';
import { noteOnTicket } from './notes.ts';
import { adapterEnv, adapterFor, loadChannel, toRecord } from './registry.ts';
import {
  languageOf,
  privateSecretWarning,
  publicRedirect,
  publicSecretNotice,
  redirectNote,
} from './replies.ts';
import { channelDeliveries } from './schema.ts';
import { withoutMasks } from './screening.ts';
import { sensitiveTopics } from './sensitive-topics.ts';
import { type ThrottledPayload, throttleNotice } from './throttle.ts';
import { noteThrottledMessage } from './throttle-note.ts';
import { offerVerification } from './verify-offer.ts';

const TICKET_CHANNELS: Record<string, Channel> = { telegram: 'telegram', wechat: 'wechat', weibo: 'weibo' };

/**
 * Turns one stored inbound message (screened and paced when it arrived, ingest.ts) into desk state:
 * a held-back one counted for the agents; otherwise files fetched and checked, the person's
 * contact, the message on the conversation's ticket; then, for a public message about private
 * matters, the public redirect (and deletion and private warning for a secret).
 */
export async function processInbound(
  services: Services,
  core: { limiter: RateLimiter },
  deliveryId: string,
  log: Logger,
): Promise<void> {
  const { db } = services;
  const { limiter } = core;
  const [delivery] = await db.select().from(channelDeliveries).where(eq(channelDeliveries.id, deliveryId));
  if (delivery?.status !== 'received' || !delivery.payload) return;
  const row = await loadChannel(db, delivery.channelId);
  const adapter = row ? adapterFor(row.kind) : null;
  if (!row || !adapter)
    return markDelivery(db, deliveryId, { status: 'processed', payload: null, error: 'channel_gone' });
  const channel = toRecord(row, services.config.appSecret);
  const env = adapterEnv(services);
  // Over its sender's pace when it arrived (ingest.ts): dropped, the person told once per window,
  // the agents shown how many were held back. Only who and where was kept of it.
  const held = delivery.payload as unknown as Partial<ThrottledPayload>;
  if (held.throttled) {
    await markDelivery(db, deliveryId, { status: 'processed', error: 'throttled' });
    await noteThrottledMessage(db, channel.id, deliveryId);
    if (held.throttled.notify && held.chatId && held.from) {
      const sent = await adapter.send(
        {
          chatId: held.from.privateChatId ?? held.chatId,
          text: throttleNotice(held.throttled.lang),
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
  // Stored with its secrets already masked (ingest.ts); `secrets` names their kinds.
  const message = delivery.payload as unknown as StoredMessage;
  const secrets = message.secrets ?? [];
  // A partner's message in a group a side conversation goes through is that conversation's, not a
  // customer's: offered to the claimers first, addressed to the bot or not.
  for (const claimer of services.channels.messageClaimers()) {
    if (await claimer.claim({ channel, adapter, env, message, log })) {
      return markDelivery(db, deliveryId, { status: 'processed', payload: null, error: 'claimed' });
    }
  }
  // In a group the desk takes only what is said to it; other chatter never reaches the inbox. In
  // the official group, a common question the help center answers gets the article, in public;
  // and a secret posted there is removed (below) whether or not the bot was addressed.
  const secretInOfficialGroup = message.isPublic && message.official === true && secrets.length > 0;
  if (message.isPublic && !message.addressed && !secretInOfficialGroup) {
    const answered =
      secrets.length === 0
        ? await answerCommonQuestion({ services, limiter, adapter, channel, env, message, log })
        : null;
    return markDelivery(db, deliveryId, {
      status: 'processed',
      payload: null,
      error: answered ? `answered_from_help:${answered.slug}` : 'not_addressed',
    });
  }
  const lang = languageOf(withoutMasks(message.text));
  const contact = await contactFor(db, channel.id, channel.name, message.from, lang);
  const notes: string[] = [];
  const attachmentIds: string[] = [];
  for (const file of message.files) {
    const fetched = await fetchInboundFile(services, adapter, channel, env, file);
    if (fetched.ok) attachmentIds.push(fetched.attachmentId);
    else notes.push(`[文件未接收 file not accepted: ${fetched.fileName} (${fetched.reason})]`);
  }
  const body = [message.text, ...notes].filter((s) => s.trim()).join('\n') || '[空消息 empty message]';
  const ticketId = await db.transaction(async (tx) => {
    const tags = [
      `channel:${channel.kind}`,
      ...(isVerified(contact) ? [] : ['unverified']),
      ...(message.isPublic ? ['public'] : []),
      ...(secrets.length ? ['secret-exposed'] : []),
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
  const topics = message.isPublic ? sensitiveTopics(withoutMasks(message.text)) : [];
  if (message.isPublic && (topics.length > 0 || secrets.length > 0)) {
    await redirectToPrivate({
      services,
      adapter,
      channel,
      env,
      message,
      contact,
      ticketId,
      secrets,
      log,
      topics,
    });
  }
}

/**
 * A public message that belongs in private: a general answer in public with a way to a private
 * channel. When it holds a secret, first the message is removed where the platform allows, then
 * its author is warned in private where the desk can reach them, and the public notice (which
 * never repeats the secret nor quotes the message) says what happened: when the private warning
 * could not go (a Telegram user who never started the bot), it asks them to open the private chat.
 */
async function redirectToPrivate(args: {
  services: Services;
  adapter: ChannelAdapter;
  channel: ChannelRecord;
  env: AdapterEnv;
  message: StoredMessage;
  contact: Contact;
  ticketId: string;
  secrets: string[];
  topics: ReturnType<typeof sensitiveTopics>;
  log: Logger;
}): Promise<void> {
  const { adapter, channel, env, message, contact, secrets } = args;
  const lang = languageOf(withoutMasks(message.text));
  const secret = secrets.length > 0;
  const link =
    (typeof channel.settings.privateLink === 'string' && channel.settings.privateLink) ||
    adapter.privateChatLink?.(channel) ||
    new URL('/chat', env.config.publicUrl).href;
  // Where a public answer goes: the message's chat, or its thread (a Weibo post's comments).
  const thread = adapter.publicThread
    ? await adapter.publicThread(message, channel, env).catch(() => null)
    : { chatId: message.chatId, replyTo: message.platformMessageId };
  let deleted = false;
  let warned = false;
  if (secret && adapter.deleteMessage) {
    deleted = await adapter
      .deleteMessage(message.chatId, message.platformMessageId, channel, env)
      .catch(() => false);
  }
  if (secret && contact.privateChatId) {
    const warning = await adapter.send(
      {
        chatId: contact.privateChatId,
        text: privateSecretWarning(lang, deleted),
        images: [],
        replyToPlatformMessageId: null,
      },
      channel,
      env,
    );
    warned = warning.ok;
    if (!warning.ok) args.log.info({ reason: warning.reason }, 'private secret warning not delivered');
  }
  const text = secret
    ? publicSecretNotice(lang, {
        deleted,
        warned,
        name: message.from.displayName,
        // Someone the bot cannot write to first is asked to open its private chat.
        link: warned ? link : (adapter.privateChatLink?.(channel) ?? link),
      })
    : publicRedirect(lang, link);
  const answer = thread
    ? await adapter.send(
        {
          chatId: thread.chatId,
          text,
          images: [],
          // Never quote a message that held a secret (it may not be deletable).
          replyToPlatformMessageId: secret ? null : thread.replyTo,
        },
        channel,
        env,
      )
    : null;
  if (!answer?.ok) args.log.warn({ reason: answer?.reason ?? 'no_thread' }, 'public answer not delivered');
  await noteOnTicket(
    args.services.db,
    args.ticketId,
    'channel_public_redirect',
    { topics: args.topics, secrets, deleted, warned, answered: answer?.ok ?? false },
    redirectNote(args.topics, secrets, deleted, warned),
  );
}
