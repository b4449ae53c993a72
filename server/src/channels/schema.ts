import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.ts';
import { messages, tickets } from '../tickets/schema.ts';

/**
 * A social or webhook channel the admins set up. `settings` is shown to admins; `secrets` (bot
 * tokens, signing secrets, AES keys) is write-only through the API and never logged.
 */
export const channels = pgTable('channels', {
  id: uuid().primaryKey().defaultRandom(),
  kind: text().notNull(),
  name: text().notNull(),
  enabled: boolean().notNull().default(true),
  settings: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  secrets: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  /** The unguessable last segment of the inbound URL: /api/v1/channels/inbound/<key>. */
  inboundKey: text('inbound_key').notNull().unique(),
  /** A platform's short-lived credential (WeChat's access token), shared by every node. */
  cachedToken: text('cached_token'),
  cachedTokenExpiresAt: timestamp('cached_token_expires_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person on a platform. Each gets an unverified customer record of their own; linking through the
 * host app (a signed one-time code) points `verifiedCustomerId` at the real customer.
 */
export const channelContacts = pgTable(
  'channel_contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name'),
    /** The customer record tickets are opened for: the placeholder until linked, then the real one. */
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    verifiedCustomerId: uuid('verified_customer_id').references(() => customers.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The private chat with this person, where private warnings and account talk go. */
    privateChatId: text('private_chat_id'),
    /** The nonce of the one outstanding link code; cleared when redeemed, so a code works once. */
    linkNonce: text('link_nonce'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('channel_contacts_user_key').on(t.channelId, t.platformUserId)],
);

/**
 * One ticket per platform conversation at a time: a row per ticket, the newest of a chat is the
 * current one until its ticket is closed; the next message then opens a new ticket.
 */
export const channelConversations = pgTable(
  'channel_conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** Where replies go: the private chat, or the group. */
    chatId: text('chat_id').notNull(),
    /** What makes a conversation: the chat, and in a public place also its author. */
    threadKey: text('thread_key').notNull(),
    isPublic: boolean('is_public').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => channelContacts.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .unique()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }).notNull().defaultNow(),
    lastInboundMessageId: text('last_inbound_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('channel_conversations_thread_idx').on(t.channelId, t.threadKey, t.createdAt)],
);

/**
 * Every platform message in and every reply out. Inbound rows are keyed by the platform's own
 * message id, so a redelivered update finds its row and makes nothing new; outbound rows are keyed
 * by the desk message they carry, so a retried job never sends twice what already went out.
 */
export const channelDeliveries = pgTable(
  'channel_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    direction: text().$type<'in' | 'out'>().notNull(),
    platformMessageId: text('platform_message_id'),
    /** The desk message: the one an inbound delivery became, or the reply an outbound one carries. */
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** In: received → processed. Out: sending (some parts went) → sent, or refused. */
    status: text().$type<'received' | 'processed' | 'sending' | 'sent' | 'refused'>().notNull(),
    /** In: the parsed message, kept until processed. Out: how many parts went ({ partsSent }). */
    payload: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('channel_deliveries_platform_key')
      .on(t.channelId, t.direction, t.platformMessageId)
      .where(sql`${t.platformMessageId} is not null`),
    uniqueIndex('channel_deliveries_out_message_key').on(t.messageId).where(sql`${t.direction} = 'out'`),
  ],
);
