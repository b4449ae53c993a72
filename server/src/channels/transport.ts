import type { Logger } from 'pino';
import { defineJob, MAIL_JOB_EXPIRE_SECONDS } from '../platform/jobs.ts';
import type { Channel } from '../tickets/model.ts';
import type {
  AdapterEnv,
  ChannelRecord,
  ChannelAdapter as PlatformAdapter,
  InboundMessage as PlatformMessage,
} from './adapter.ts';

/** What a platform allows, so composers and agents know before they write. */
export interface ChannelCapabilities {
  /** Longest message body the platform takes, in characters; null: no practical limit. */
  maxBodyChars: number | null;
  attachments: boolean;
  maxAttachmentBytes: number | null;
  /** Rich text (HTML) besides plain text. */
  richText: boolean;
  /** Replies can be tied to the customer's earlier message (mail threads, reply-to ids). */
  threading: boolean;
}

/** One message a delivery carried, as the channel understood it. */
export interface InboundMessage {
  /** The platform's own id for the message (a Message-ID, an update id …). */
  externalId: string | null;
  senderAddress: string;
  senderName: string | null;
  /** Whether the platform proved who sent it (for mail: DMARC passed). */
  senderVerified: boolean;
  subject: string;
  body: string;
  /** Set when the message was sent by a machine (auto-reply, bounce, list): never answer it. */
  automated: string | null;
}

/** A public staff reply (or a notice) to carry to the customer over the ticket's channel. */
export interface OutboundReply {
  ticketId: string;
  messageId: string;
}

/**
 * A channel adapter (email first; Telegram, WeChat, Weibo, webhooks later). The desk core knows
 * nothing of platforms: it hands replies to the adapter of the ticket's channel.
 */
export interface ChannelAdapter<Delivery = unknown> {
  channel: Channel;
  capabilities: ChannelCapabilities;
  /** Turns one inbound delivery (a raw mail, a webhook body …) into messages. */
  parseInbound(delivery: Delivery): Promise<InboundMessage[]>;
  /**
   * Sends a reply. Throws to be retried; `finalAttempt` tells the adapter this is the last try,
   * so it records the failure on the ticket where agents see it.
   */
  sendReply(reply: OutboundReply, attempt: { finalAttempt: boolean }): Promise<void>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/**
 * A message from a messaging platform (screened and masked when it arrived) offered to a
 * capability above the channel core before it becomes a customer's ticket message: a side
 * conversation's partner answering in a group the desk's bot shares with them.
 */
export interface ClaimableMessage {
  channel: ChannelRecord;
  adapter: PlatformAdapter;
  env: AdapterEnv;
  message: PlatformMessage & { secrets?: string[] };
  log: Logger;
}

export interface MessageClaimer {
  /**
   * Whether a message arriving on the channel would be this claimer's: a cheap read, asked at
   * arrival (channels/ingest.ts) so that a partner's messages are paced as a partner's, never held
   * to a customer's pace (two equal texts in ten minutes, six in ten seconds).
   */
  holds(channelId: string, message: PlatformMessage): Promise<boolean>;
  /** Takes the message (true: the core stops there) or leaves it to the core (false). */
  claim(m: ClaimableMessage): Promise<boolean>;
}

/** The channels this desk has settings for; an adapter registers itself when they exist. */
export interface ChannelRegistry {
  register(adapter: ChannelAdapter<never>): void;
  get(channel: Channel): ChannelAdapter<never> | undefined;
  all(): ChannelAdapter<never>[];
  /** Capabilities above the core that may take a platform message first (side conversations). */
  addMessageClaimer(claimer: MessageClaimer): void;
  messageClaimers(): readonly MessageClaimer[];
  /** Whether a claimer would take this message when it is processed. */
  claimedOnArrival(channelId: string, message: PlatformMessage): Promise<boolean>;
}

export function createChannelRegistry(): ChannelRegistry {
  const adapters = new Map<Channel, ChannelAdapter<never>>();
  const claimers: MessageClaimer[] = [];
  return {
    addMessageClaimer: (claimer) => void claimers.push(claimer),
    messageClaimers: () => claimers,
    async claimedOnArrival(channelId, message) {
      for (const c of claimers) if (await c.holds(channelId, message)) return true;
      return false;
    },
    register(adapter) {
      if (adapters.has(adapter.channel)) throw new Error(`channel ${adapter.channel} registered twice`);
      adapters.set(adapter.channel, adapter);
    },
    get: (channel) => adapters.get(channel),
    all: () => [...adapters.values()],
  };
}

/**
 * Channels whose replies this queue carries: the ones with a transport of their own (mail). The
 * messaging platforms (Telegram, WeChat, Weibo, webhooks) go through the channel core instead.
 */
const EXTERNAL_CHANNELS: ReadonlySet<Channel> = new Set(['email']);

export const channelReply = defineJob<OutboundReply & { channel: Channel }>({
  name: 'channel.reply',
  retryLimit: 8,
  retryDelaySeconds: 8,
  // A send is bounded by the transport's timeouts (outbound.ts): lost after 30 s, retried within a minute.
  expireInSeconds: MAIL_JOB_EXPIRE_SECONDS,
});

/** Whether a ticket's channel has its own transport here (mail), rather than the channel core. */
export function hasOwnTransport(channel: Channel): boolean {
  return EXTERNAL_CHANNELS.has(channel);
}
