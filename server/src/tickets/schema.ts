import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
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
import { customers } from '../customers/schema.ts';
import { SMALL_PENDING_LIST } from '../db/gin.ts';
import { categories, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import type { ActorType, Channel, MessageAuthor, Priority, TicketStatus, Visibility } from './model.ts';

/** Statuses of tickets still being worked on: the partial indexes of the inbox views hold these. */
export const ACTIVE_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;
const ACTIVE = sql.raw(`status in ('new', 'open', 'pending', 'on_hold')`);
/** Priorities by rank (urgent 4 … low 1): the priority sort and its index use this very text. */
export const PRIORITY_RANK_SQL = sql.raw(
  `case priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end`,
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Shown to people as KF-000123. */
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 100 }).notNull().unique(),
    title: text().notNull(),
    description: text().notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    categoryId: uuid('category_id').references(() => categories.id),
    teamId: uuid('team_id').references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => agents.id),
    status: text().$type<TicketStatus>().notNull().default('new'),
    priority: text().$type<Priority>().notNull().default('normal'),
    channel: text().$type<Channel>().notNull().default('web'),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** Answers to the category's form (the preparation checklist). */
    fields: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The desk's custom ticket fields (custom-fields/), key → value; set by agents, macros, triggers. */
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The per-ticket sequence shared by messages and events; the newest one handed out. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** A client-supplied key that makes a retried create return the first ticket. */
    idempotencyKey: text('idempotency_key'),
    /** Set when the ticket was merged into another (the survivor): it answers with a pointer there. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => tickets.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * The ticket's service-level clocks as the inbox shows and filters them, kept on the ticket
     * so that lists, counts and filters read the ticket's own row (tickets/ knows nothing of the
     * clocks' table). Written by the service-level clocks' subscriber (sla/) in the write's
     * transaction and by the ticket's insert from the clocks it starts with.
     *
     * The earliest due time of the ticking clocks (running or breached); null when none ticks.
     * The SLA sort reads it from an index.
     */
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    /** The earliest warning time (75 % of a target used) of the running clocks. */
    slaWarnAt: timestamp('sla_warn_at', { withTimezone: true }),
    /** A clock waits (pending / on hold): the inbox shows the ticket as paused. */
    slaPaused: boolean('sla_paused').notNull().default(false),
  },
  (t) => [
    // Keyset paging (inbox views, the customer's own list): each index ends with the sort's
    // columns and the number as the tie-breaker, so a page is an ordered index range, not a sort.
    index('tickets_customer_idx').on(t.customerId, t.lastActivityAt, t.number),
    index('tickets_status_idx').on(t.status, t.lastActivityAt),
    index('tickets_activity_idx').on(t.lastActivityAt, t.number),
    // The views agents look at most show tickets still being worked on: partial indexes hold only
    // those (a small share of a desk's history), by view and by sort.
    index('tickets_active_activity_idx').on(t.lastActivityAt, t.number).where(ACTIVE),
    index('tickets_active_assignee_idx').on(t.assigneeId, t.lastActivityAt, t.number).where(ACTIVE),
    index('tickets_active_team_idx').on(t.teamId, t.lastActivityAt, t.number).where(ACTIVE),
    index('tickets_active_priority_idx')
      .on(sql`(${PRIORITY_RANK_SQL})`, t.lastActivityAt, t.number)
      .where(ACTIVE),
    index('tickets_active_number_idx').on(t.number).where(ACTIVE),
    // Least time left first, tickets with no ticking clock after them (sort=sla).
    index('tickets_active_sla_idx')
      .on(sql`coalesce(${t.slaDueAt}, 'infinity'::timestamptz)`, t.lastActivityAt, t.number)
      .where(ACTIVE),
    index('tickets_assignee_idx').on(t.assigneeId, t.status),
    index('tickets_team_idx').on(t.teamId, t.status),
    index('tickets_tags_idx').using('gin', t.tags).with(SMALL_PENDING_LIST),
    // The inbox's custom-field filter (`custom_fields @> {"key": value}`); only that filter reads it.
    index('tickets_custom_fields_idx')
      .using('gin', sql`${t.customFields} jsonb_path_ops`)
      .with(SMALL_PENDING_LIST),
    uniqueIndex('tickets_idempotency_key').on(t.customerId, t.idempotencyKey),
  ],
);

/** One entry in a ticket's thread. Internal notes are never shown to the customer. */
export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    /** Client-generated id: a retry with the same id returns the stored message. */
    clientId: text('client_id'),
    authorType: text('author_type').$type<MessageAuthor>().notNull(),
    authorId: uuid('author_id'),
    visibility: text().$type<Visibility>().notNull().default('public'),
    body: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_ticket_seq_key').on(t.ticketId, t.seq),
    uniqueIndex('messages_ticket_client_key').on(t.ticketId, t.clientId),
  ],
);

/** The traceable history: every change to a ticket, who made it, from what to what. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: uuid('actor_id'),
    kind: text().notNull(),
    /**
     * Set on a row carried over from a merged ticket: it stays in the survivor's history (in its
     * order), but it is that ticket's change, not the survivor's (the clocks skip it).
     */
    mergedFrom: uuid('merged_from'),
    fromValue: jsonb('from_value'),
    toValue: jsonb('to_value'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ticket_events_ticket_seq_key').on(t.ticketId, t.seq)],
);
