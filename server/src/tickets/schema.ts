import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { categories, teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import type { ActorType, Channel, MessageAuthor, Priority, TicketStatus, Visibility } from './model.ts';

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
    /** The per-ticket sequence shared by messages and events; the newest one handed out. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** A client-supplied key that makes a retried create return the first ticket. */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('tickets_customer_idx').on(t.customerId, t.lastActivityAt),
    index('tickets_status_idx').on(t.status, t.lastActivityAt),
    index('tickets_assignee_idx').on(t.assigneeId, t.status),
    index('tickets_team_idx').on(t.teamId, t.status),
    index('tickets_tags_idx').using('gin', t.tags),
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
    fromValue: jsonb('from_value'),
    toValue: jsonb('to_value'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ticket_events_ticket_seq_key').on(t.ticketId, t.seq)],
);
