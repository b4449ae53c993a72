import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Condition } from '../automations/conditions.ts';
import type { TicketEventType } from '../tickets/events.ts';

/**
 * An outgoing webhook: ticket events of the chosen types (and matching the filter) are POSTed to
 * `url`, signed with `secret` (HMAC-SHA256 over the timestamp and the body, see docs/automations.md).
 */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  url: text().notNull(),
  /** The signing key; shown once at creation, masked afterwards. */
  secret: text().notNull(),
  events: text().array().$type<TicketEventType[]>().notNull(),
  match: text().$type<'all' | 'any'>().notNull().default('all'),
  filter: jsonb().$type<Condition[]>().notNull().default(sql`'[]'::jsonb`),
  active: boolean().notNull().default(true),
  /** Failed deliveries in a row (a success resets it); too many disable the subscription. */
  failuresInRow: integer('failures_in_row').notNull().default(0),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  disabledReason: text('disabled_reason'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One event to one subscription: its payload, its state and its attempts' answers. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** `<ticket id>:<seq>` (or `<…>:trigger:<rule>` for a trigger's webhook action). */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    ticketId: uuid('ticket_id'),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** pending | delivered | failed (gave up) | refused (target not allowed). */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** Each attempt: when, the HTTP status (null: no answer), the error, how long it took. */
    log: jsonb()
      .$type<Array<{ at: string; status: number | null; error: string | null; ms: number }>>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);

/** Private ranges an admin allows webhooks to reach (an on-premise receiver), as CIDR. */
export const webhookAllowedRanges = pgTable('webhook_allowed_ranges', {
  cidr: text().primaryKey(),
  note: text().notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
