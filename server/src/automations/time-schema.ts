import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ruleColumns } from './schema.ts';
import type { TimeRuleWhen } from './time-when.ts';

/**
 * A time-based automation: when a ticket has been in a state long enough on its business
 * calendar (pending for 3 working days) or a service-level clock is near its due time, and the
 * conditions hold, the actions run, once per ticket and occurrence.
 */
export const timeRules = pgTable('time_rules', ruleColumns('when', jsonb().$type<TimeRuleWhen>().notNull()));

/**
 * One row per rule, ticket and occurrence (the status period it measured, or the clock's due
 * time), inserted in the transaction of the rule's actions: whichever node inserts it first
 * fires, every other scan (on any node, at the same moment or later) finds it and does nothing.
 */
export const timeRuleFirings = pgTable(
  'time_rule_firings',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => timeRules.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').notNull(),
    occurrence: text().notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.ticketId, t.occurrence] }),
    index('time_rule_firings_ticket_idx').on(t.ticketId),
  ],
);
