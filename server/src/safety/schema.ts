import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels } from '../channels/schema.ts';
import { customers } from '../customers/schema.ts';
import { agents } from '../identity/schema.ts';
import { messages, tickets } from '../tickets/schema.ts';

/**
 * What the scanners found in stored text: the kind and the position only, never the secret
 * (it was masked before the row it points to was written). `abuse` marks insulting language,
 * which is flagged for the agent but left in the record.
 */
export const safetyFindings = pgTable(
  'safety_findings',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** Which text: `title`, `body` (of the message), or `fields.<key>` (a form answer). */
    field: text().notNull(),
    kind: text().notNull(),
    start: integer().notNull(),
    end: integer().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('safety_findings_ticket_idx').on(t.ticketId),
    index('safety_findings_message_idx').on(t.messageId),
  ],
);

/** The desk's real channels, which the public verify endpoint compares against. */
export const officialChannels = pgTable(
  'official_channels',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<ChannelKind>().notNull(),
    /** Normalised: lower-case domain, address or handle without "@"; a phone number as +digits. */
    value: text().notNull(),
    name: text().notNull(),
    note: text().notNull().default(''),
    /**
     * Set for the desk's own social accounts, derived from a configured channel (the Telegram bot
     * and group, the WeChat and Weibo accounts): kept in step with it, not edited by hand.
     */
    sourceChannelId: uuid('source_channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('official_channels_kind_value_key').on(t.kind, t.value),
    index('official_channels_source_idx').on(t.sourceChannelId),
  ],
);

export const CHANNEL_KINDS = ['domain', 'email', 'phone', 'telegram', 'wechat', 'weibo', 'x'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A customer muted until a time, or blocked (no end). One row per customer: the latest decision. */
export const customerRestrictions = pgTable('customer_restrictions', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  kind: text().$type<'muted' | 'blocked'>().notNull(),
  until: timestamp({ withTimezone: true }),
  reason: text().notNull().default(''),
  byAgentId: uuid('by_agent_id').references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
