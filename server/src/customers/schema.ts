import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A person the desk serves. `uid` is the host app's user id when the host app identified them;
 * a visitor (no uid) is an anonymous identity that can still open tickets.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey().defaultRandom(),
    uid: text(),
    name: text(),
    email: text(),
    phone: text(),
    language: text().notNull().default('zh-CN'),
    region: text(),
    isVisitor: boolean('is_visitor').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_uid_key').on(t.uid).where(sql`${t.uid} is not null`)],
);
