import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Action } from '../automations/actions.ts';
import { agents } from '../identity/schema.ts';

/**
 * A macro: a named set of actions an agent applies to a ticket from the composer in one step
 * (a reply in the customer's language, a note, status, priority, team, assignee, tags). Shared
 * macros are the desk's (written by supervisors and admins); personal ones only their owner sees.
 */
export const macros = pgTable(
  'macros',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    scope: text().$type<'shared' | 'personal'>().notNull(),
    /** The owner of a personal macro; the author of a shared one. */
    ownerId: uuid('owner_id').references(() => agents.id, { onDelete: 'cascade' }),
    actions: jsonb().$type<Action[]>().notNull().default(sql`'[]'::jsonb`),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('macros_owner_idx').on(t.scope, t.ownerId)],
);
