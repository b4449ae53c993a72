import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { slaCalendars } from '../sla/schema.ts';
import type { CategoryForm } from './category-form.ts';

/** A team of agents with one skill (account, trading, deposits & withdrawals, security …). */
export const teams = pgTable('teams', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  skills: text().array().notNull().default(sql`'{}'::text[]`),
  /**
   * When a person of this team can be reached on live chat: a business calendar (hours per weekday
   * in a time zone, holidays, 调休). Null: around the clock. Outside it a chat is "leave a message".
   */
  chatCalendarId: uuid('chat_calendar_id').references((): AnyPgColumn => slaCalendars.id, {
    onDelete: 'set null',
  }),
  /**
   * Where a chat goes when this team cannot take it (outside its hours, nobody on shift, or its
   * queue at the limit) and that team can: one hop, never onward to the overflow's own overflow.
   */
  overflowTeamId: uuid('overflow_team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
  /** How many chats may wait in this team's queue before newcomers are told it is busy; null: CHAT_QUEUE_LIMIT. */
  queueLimit: integer('queue_limit'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The problem type a customer picks: it routes to a team and carries the form of extra facts. */
export const categories = pgTable('categories', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  teamId: uuid('team_id').references(() => teams.id),
  defaultPriority: text('default_priority').notNull().default('normal'),
  /** Whether a customer may choose the priority when opening a ticket in this category. */
  customerMayPrioritise: boolean('customer_may_prioritise').notNull().default(false),
  form: jsonb().$type<CategoryForm>().notNull().default(sql`'{"fields":[]}'::jsonb`),
  position: integer().notNull().default(0),
  active: boolean().notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Desk-wide settings (the brand, its domains …) as one JSON value per key. */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const agentTeams = pgTable(
  'agent_teams',
  {
    agentId: uuid('agent_id').notNull(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.teamId] })],
);
