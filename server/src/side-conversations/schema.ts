import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { attachments } from '../attachments/schema.ts';
import type { AuthVerdict } from '../channels/email/authenticity.ts';
import { channels } from '../channels/schema.ts';
import { agents } from '../identity/schema.ts';
import { tickets } from '../tickets/schema.ts';

/**
 * A conversation an agent holds from a ticket with a third party (another exchange's support, a
 * chain's foundation, a payment partner). Internal to the desk: its rows are never joined into
 * anything a customer reads, which is why they live in tables of their own and not in `messages`.
 */
export const sideConversations = pgTable(
  'side_conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    subject: text().notNull(),
    /** The third party's addresses, lower-cased; for a messaging channel, "<kind>:<chat id>". */
    participants: text().array().notNull().default(sql`'{}'::text[]`),
    /**
     * Set when the conversation goes through a messaging channel (a Telegram group the desk's bot
     * shares with a partner) instead of mail; `chatId` is that group on the platform.
     */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    chatId: text('chat_id'),
    status: text().$type<'open' | 'closed'>().notNull().default('open'),
    /**
     * The secret in the reply address (support+sc-{token}@…): a reply that carries it belongs here.
     * Random, never derived from the ticket, so nobody can make one up for someone else's ticket.
     */
    token: text().notNull(),
    createdByAgentId: uuid('created_by_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('side_conversations_ticket_idx').on(t.ticketId, t.createdAt),
    index('side_conversations_chat_idx').on(t.channelId, t.chatId, t.updatedAt),
    uniqueIndex('side_conversations_token').on(t.token),
  ],
);

/** One mail of a side conversation, either way. Outbound rows also track delivery. */
export const sideConversationMessages = pgTable(
  'side_conversation_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => sideConversations.id, { onDelete: 'cascade' }),
    direction: text().$type<'outbound' | 'inbound'>().notNull(),
    authorAgentId: uuid('author_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    fromAddress: text('from_address').notNull(),
    toAddresses: text('to_addresses').array().notNull().default(sql`'{}'::text[]`),
    /** Secrets already masked. */
    body: text().notNull(),
    /** The RFC 5322 Message-ID without angle brackets: replies name it in In-Reply-To/References. */
    rfcMessageId: text('rfc_message_id'),
    /** Through a messaging channel: the platform's id of the message ("<chat>:<message>"). */
    platformMessageId: text('platform_message_id'),
    /** Inbound: SPF, DKIM, DMARC verdict, and whether the From address proved itself. */
    auth: jsonb().$type<AuthVerdict>(),
    verified: boolean(),
    /** Outbound: queued | sent | failed. Inbound: received. */
    status: text().$type<'queued' | 'sent' | 'failed' | 'received'>().notNull(),
    error: text(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('side_conversation_messages_conv_idx').on(t.conversationId, t.createdAt),
    index('side_conversation_messages_rfc_idx').on(t.rfcMessageId),
    index('side_conversation_messages_platform_idx').on(t.platformMessageId),
  ],
);

/** Files of a side conversation's mails (the attachments store's rows, with their ticket set). */
export const sideConversationAttachments = pgTable(
  'side_conversation_attachments',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => sideConversationMessages.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.attachmentId] }),
    uniqueIndex('side_conversation_attachment_once').on(t.attachmentId),
  ],
);
