import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A canned reply: an answer agents insert by typing its short keyword. The body may hold
 * variables ({{customer.name}}, {{ticket.number}}, {{agent.name}} …) that the workspace fills in.
 */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid().primaryKey().defaultRandom(),
    shortcut: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    /** The language of the body; null means any. */
    language: text().$type<'zh-CN' | 'en'>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_replies_shortcut_key').on(sql`lower(${t.shortcut})`)],
);
