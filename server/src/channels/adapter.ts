import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';

/**
 * The one interface every channel (Telegram, WeChat, Weibo, the signed webhook, …) implements.
 * An adapter only speaks its platform: it checks and reads what the platform delivers, and sends
 * what the desk says. Everything else (tickets, idempotency, queueing, retries, safety, refusals
 * shown to agents) is decided once in the channel core (inbound.ts, outbound.ts).
 */
export interface ChannelAdapter {
  kind: string;
  capabilities: ChannelCapabilities;
  /**
   * Checks an admin's settings before they are stored; returns them cleaned, with any secret the
   * channel generates itself (a signing secret) added. Throws AppError('validation_failed') otherwise.
   */
  prepareSettings(input: { settings: Record<string, unknown>; secrets: Record<string, string> }): {
    settings: Record<string, unknown>;
    secrets: Record<string, string>;
  };
  /**
   * Verifies one inbound HTTP delivery (signature, freshness) and parses it into messages. Must be
   * fast and must not touch the database: the core stores the messages and acknowledges at once.
   */
  receive(delivery: InboundDelivery, channel: ChannelRecord, env: AdapterEnv): Promise<ReceiveResult>;
  /** Sends one reply. Never throws for a platform's refusal: it says what happened instead. */
  send(reply: OutboundReply, channel: ChannelRecord, env: AdapterEnv): Promise<SendResult>;
  /** Streams a file the platform holds (an image or document a person sent). */
  fetchFile?(file: InboundFile, channel: ChannelRecord, env: AdapterEnv): Promise<Readable>;
  /** Removes a public message (one that exposed a secret) where the platform allows it. */
  deleteMessage?(
    chatId: string,
    platformMessageId: string,
    channel: ChannelRecord,
    env: AdapterEnv,
  ): Promise<boolean>;
  /**
   * Where a public answer to a public message goes when that is not the message's own chat (a
   * Weibo post's comment thread): the chat to send to and the platform message to reply to, or
   * null when there is no public place to answer. Without it: the message's chat, replying to it.
   */
  publicThread?(
    message: InboundMessage,
    channel: ChannelRecord,
    env: AdapterEnv,
  ): Promise<{ chatId: string; replyTo: string | null } | null>;
  /** Tells the platform where to deliver (Telegram's setWebhook); run when the channel is saved. */
  register?(channel: ChannelRecord, env: AdapterEnv): Promise<Record<string, unknown> | undefined>;
  /**
   * Tells the platform to stop delivering here (Telegram's deleteWebhook): run when the channel is
   * deleted or disabled, so the platform neither keeps knocking nor queues updates nobody reads.
   */
  unregister?(channel: ChannelRecord, env: AdapterEnv): Promise<void>;
  /**
   * Pull mode, for platforms or set-ups without a public URL (Telegram long polling in local
   * development): runs until the returned stop is called, handing what it pulls to `deliver`.
   * Returns null when the channel is set up for push delivery.
   */
  startPulling?(
    channel: ChannelRecord,
    env: AdapterEnv,
    deliver: (messages: InboundMessage[]) => Promise<void>,
  ): (() => Promise<void>) | null;
  /**
   * Checks that the platform accepts the channel's credentials now (the admin's "test connection"):
   * never throws; a refusal carries the platform's own words.
   */
  test?(channel: ChannelRecord, env: AdapterEnv): Promise<ConnectionCheck>;
  /** A link that opens a private conversation with the desk on this platform, if there is one. */
  privateChatLink?(channel: ChannelRecord): string | null;
  /**
   * The desk's own accounts on this platform (the bot's @username, the official group, the WeChat
   * ID, the Weibo account), from the channel's settings: the official-channel registry lists them.
   */
  officialAccounts?(channel: Omit<ChannelRecord, 'secrets'>): OfficialAccount[];
}

/** What a connection test found: `detail` is what the platform said (or who it says we are). */
export interface ConnectionCheck {
  ok: boolean;
  detail: string;
}

export interface OfficialAccount {
  kind: 'telegram' | 'wechat' | 'weibo';
  /** The handle as people see it (without "@"). */
  value: string;
  name: string;
}

export interface ChannelCapabilities {
  richText: boolean;
  images: boolean;
  files: boolean;
  /** Replies are accepted only this long after the person's last message (WeChat: 48 h). */
  replyWindowSeconds: number | null;
  /** Longer replies are split into parts of at most this many characters. */
  maxTextLength: number;
  /** Whether public messages can be removed by the desk. */
  canDelete: boolean;
}

/** A stored channel, as adapters see it. */
export interface ChannelRecord {
  id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  inboundKey: string;
}

/** What an adapter may use: configuration, a logger, the clock (tests move it). */
export interface AdapterEnv {
  config: Config;
  logger: Logger;
  now(): Date;
  /** The absolute inbound URL of a channel, to hand to the platform. */
  inboundUrl(channel: Pick<ChannelRecord, 'inboundKey'>): string;
  /** A platform's short-lived access token, kept in the database so every node shares it. */
  tokens: {
    get(channelId: string): Promise<string | null>;
    put(channelId: string, token: string, expiresAt: Date): Promise<void>;
    forget(channelId: string): Promise<void>;
  };
}

export interface InboundDelivery {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type ReceiveResult =
  | {
      ok: true;
      messages: InboundMessage[];
      /** What to answer the platform, when it expects something particular (WeChat's echo, "success"). */
      response?: PlatformResponse;
      /**
       * The platform takes an answer to the delivery's one message in the HTTP response itself
       * (WeChat's and Weibo's passive reply, within 5 seconds): builds that response for a text.
       */
      passiveReply?: (text: string) => PlatformResponse;
      /**
       * For a platform whose signature does not cover the body (WeChat in plaintext mode, Weibo):
       * what identifies this signed delivery (timestamp and nonce). The core remembers it with a
       * hash of the body for the freshness window (inbound-routes.ts), so the signed query cannot
       * be replayed with another body; a retry of the same body passes to the usual de-duplication.
       */
      replayKey?: string;
    }
  | { ok: false; status: 401 | 400 | 403 | 404; reason: string };

export interface PlatformResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface InboundFile {
  /** The platform's handle for the file (Telegram file_id, a URL for the webhook channel). */
  ref: string;
  kind: 'image' | 'file';
  fileName: string | null;
}

/** One message a person sent, in the words of every platform. */
export interface InboundMessage {
  /** Unique per channel: a redelivery carries the same id and is ignored. */
  platformMessageId: string;
  chatId: string;
  /** A group, a comment, a mention: everybody can read it. */
  isPublic: boolean;
  from: { platformUserId: string; displayName: string | null; privateChatId: string | null };
  text: string;
  files: InboundFile[];
  /** In a public place: whether the desk was addressed (mentioned, replied to); others are ignored. */
  addressed: boolean;
  /**
   * In the desk's own public place (its official support group): there the desk may also answer
   * common questions from the help center when not addressed.
   */
  official?: boolean;
  /** The platform message this one answers ("<chat>:<message>"), where the platform says. */
  replyToPlatformMessageId?: string;
  sentAt: string;
}

export interface OutboundReply {
  chatId: string;
  text: string;
  images: { fileName: string; contentType: string; data: Buffer }[];
  /** The person's message this answers (threads it where the platform can). */
  replyToPlatformMessageId: string | null;
}

export type RefusalReason =
  | 'window_closed'
  | 'blocked'
  | 'rate_limited'
  | 'not_found'
  | 'too_long'
  | 'destination_refused'
  | 'unreachable'
  | 'platform_error';

export type SendResult =
  | { ok: true; platformMessageId: string | null }
  | {
      ok: false;
      reason: RefusalReason;
      /** Worth trying again later (a timeout, a 5xx, a rate limit). */
      retryable: boolean;
      detail: string;
    };
