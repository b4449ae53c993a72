import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TicketEventType } from '../tickets/events.ts';
import type { Action } from './actions.ts';
import type { Condition } from './conditions.ts';

/**
 * The columns every kind of rule has, with the one that says what starts it (a trigger's events,
 * a time rule's `when`) in its place after `position`.
 */
export function ruleColumns<K extends string, C>(startName: K, start: C) {
  return {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    ...({ [startName]: start } as { [P in K]: C }),
    match: text().$type<'all' | 'any'>().notNull().default('all'),
    conditions: jsonb().$type<Condition[]>().notNull().default(sql`'[]'::jsonb`),
    actions: jsonb().$type<Action[]>().notNull().default(sql`'[]'::jsonb`),
    fireCount: integer('fire_count').notNull().default(0),
    lastFiredAt: timestamp('last_fired_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  };
}

/**
 * A trigger: when one of its events happens to a ticket and its conditions hold (all, or any),
 * its actions run. Triggers run in `position` order; each firing is in the ticket's history.
 */
export const triggers = pgTable(
  'triggers',
  ruleColumns('events', text().array().$type<TicketEventType[]>().notNull()),
);

/**
 * One row per trigger and event it fired on, written with the trigger's actions: a retried job
 * finds it and does not fire twice.
 */
export const triggerFirings = pgTable(
  'trigger_firings',
  {
    triggerId: uuid('trigger_id')
      .notNull()
      .references(() => triggers.id, { onDelete: 'cascade' }),
    /** `<ticket id>:<seq>` of the event. */
    eventId: text('event_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.triggerId, t.eventId] }),
    index('trigger_firings_ticket_idx').on(t.ticketId),
  ],
);
