import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { categories, teams } from '../../desk/schema.ts';
import { messages, tickets } from '../../tickets/schema.ts';
import type { AuthVerdict } from './authenticity.ts';

/** A support address (官方邮箱): mail to it becomes tickets of its default category and team. */
export const emailMailboxes = pgTable('email_mailboxes', {
  address: text().primaryKey(),
  categoryId: uuid('category_id').references(() => categories.id),
  teamId: uuid('team_id').references(() => teams.id),
  active: boolean().notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The mail behind a thread message (inbound or outbound): its headers for threading and, for
 * inbound mail, the authenticity verdict agents see. Outbound rows also track delivery.
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    direction: text().$type<'inbound' | 'outbound'>().notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** The RFC 5322 Message-ID, without angle brackets. */
    rfcMessageId: text('rfc_message_id'),
    inReplyTo: text('in_reply_to'),
    references: text().array().notNull().default(sql`'{}'::text[]`),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text().notNull().default(''),
    /** Outbound: reply | ack | notification. Inbound: mail | bounce | automated | rate_limited. */
    kind: text().notNull(),
    /** Inbound: SPF, DKIM, DMARC, ARC results. */
    auth: jsonb().$type<AuthVerdict>(),
    /** Inbound: whether the From address proved itself (DMARC pass). */
    verified: boolean(),
    /** Outbound: queued | sent | failed | skipped. */
    status: text().notNull().default('received'),
    error: text(),
    /** The sanitised HTML part, kept for agents who want to see the original layout. */
    html: text(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('email_messages_rfc_idx').on(t.rfcMessageId),
    index('email_messages_ticket_idx').on(t.ticketId, t.createdAt),
    index('email_messages_from_idx').on(t.fromAddress, t.createdAt),
    // A mailbox's last mail in, for its health on the admin list.
    index('email_messages_to_idx').on(t.toAddress, t.createdAt),
    index('email_messages_message_idx').on(t.messageId),
  ],
);

/** What Kefu knows about a correspondent's address: bounces and opt-outs of notifications. */
export const emailAddresses = pgTable('email_addresses', {
  address: text().primaryKey(),
  failing: boolean().notNull().default(false),
  lastBounceAt: timestamp('last_bounce_at', { withTimezone: true }),
  bounceReason: text('bounce_reason'),
  unsubscribed: boolean().notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The short code each outbound mail carries; the official-channel verify page looks it up. */
export const emailVerificationCodes = pgTable(
  'email_verification_codes',
  {
    code: text().primaryKey(),
    sentTo: text('sent_to').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    rfcMessageId: text('rfc_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_verification_codes_ticket_idx').on(t.ticketId)],
);

/**
 * Customer notices owed by mail (a public reply, solved, more information needed), one row per
 * cause. The sweep hands a ticket's rows to one job once the ticket has been quiet for the debounce
 * delay (`queued_at`), and that job mails them together (`mailed_at`): a burst is one mail.
 */
export const emailNoticeQueue = pgTable(
  'email_notice_queue',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text().$type<'agent_reply' | 'solved' | 'needs_info'>().notNull(),
    sourceId: text('source_id').notNull(),
    preview: text().notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_notice_queue_source').on(t.kind, t.sourceId),
    index('email_notice_queue_ticket_idx').on(t.ticketId, t.mailedAt),
  ],
);
