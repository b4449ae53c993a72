import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { teams } from '../desk/schema.ts';
import { tickets } from '../tickets/schema.ts';
import type { WorkingSpan } from './calendar.ts';
import type { ClockState, SlaMetric } from './clock.ts';

/** A region's or team's working calendar: hours per ISO weekday in its IANA time zone. */
export const slaCalendars = pgTable('sla_calendars', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  timeZone: text('time_zone').notNull(),
  /** { "1": [["09:00","18:00"]], … "7": [] } */
  weekly: jsonb().$type<Record<string, WorkingSpan[]>>().notNull(),
  /** 'cn': mainland China's holidays and 调休 days from the chinese-days package. */
  holidaySource: text('holiday_source').$type<'cn'>(),
  /** The calendar of this team's tickets, when a policy names none. */
  teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
  isDefault: boolean('is_default').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Admin-entered days: a day off, or a working day, winning over the weekday and the package. */
export const slaCalendarDays = pgTable(
  'sla_calendar_days',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => slaCalendars.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD in the calendar's zone. */
    day: text().notNull(),
    kind: text().$type<'off' | 'work'>().notNull(),
    note: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.day] })],
);

/** A service level: the first active policy (by position) whose conditions all match applies. */
export const slaPolicies = pgTable('sla_policies', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  position: integer().notNull().default(0),
  /** Conditions; an empty list matches anything. A policy with none is the default. */
  categoryIds: uuid('category_ids').array().notNull().default(sql`'{}'::uuid[]`),
  priorities: text().array().notNull().default(sql`'{}'::text[]`),
  channels: text().array().notNull().default(sql`'{}'::text[]`),
  /** Business time on a calendar (this one, else the team's, else the default) or calendar time. */
  businessTime: boolean('business_time').notNull().default(true),
  calendarId: uuid('calendar_id').references(() => slaCalendars.id, { onDelete: 'set null' }),
  firstResponseMinutes: integer('first_response_minutes'),
  nextResponseMinutes: integer('next_response_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  active: boolean().notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each ticket's clocks as last computed (on every status, category, priority or message change).
 * The warning columns are set by a conditional update, so each warning fires once across nodes.
 */
export const ticketSlaTargets = pgTable(
  'ticket_sla_targets',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    metric: text().$type<SlaMetric>().notNull(),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    state: text().$type<ClockState>().notNull(),
    targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
    /** Working time used when computed (up to the stop for met/missed). */
    elapsedMs: bigint('elapsed_ms', { mode: 'number' }).notNull(),
    /** Working time left when computed; the truth while paused. */
    leftMs: bigint('left_ms', { mode: 'number' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    nearNotifiedAt: timestamp('near_notified_at', { withTimezone: true }),
    breachNotifiedAt: timestamp('breach_notified_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.metric] }),
    index('ticket_sla_targets_due_idx').on(t.state, t.dueAt),
    index('ticket_sla_targets_warn_idx').on(t.state, t.warnAt),
  ],
);
