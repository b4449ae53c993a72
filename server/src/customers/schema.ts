import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SMALL_PENDING_LIST } from '../db/gin.ts';

/** Name, email, phone, UID and custom field values as one lower-case text: what agent search matches parts of. */
export const CONTACT_TEXT = sql.raw(
  `lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(uid, '') || ' ' || coalesce(custom_text, ''))`,
);

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
    /** The desk's custom customer fields (custom-fields/), key → value. */
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Those values as one masked text, for agent search (part of CONTACT_TEXT). */
    customText: text('custom_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_uid_key').on(t.uid).where(sql`${t.uid} is not null`),
    // Agent search: an exact email or name answers from a btree; part of a name, email, phone or
    // UID from one trigram index over all four (ticket-search/search.ts uses this very text).
    index('customers_email_lower_idx').on(sql`lower(${t.email})`),
    index('customers_name_lower_idx').on(sql`lower(${t.name})`),
    index('customers_contact_trgm_idx')
      .using('gin', sql`(${CONTACT_TEXT}) gin_trgm_ops`)
      .with(SMALL_PENDING_LIST),
    // The inbox's filter on a customer's custom field (`custom_fields @> {"key": value}`).
    index('customers_custom_fields_idx')
      .using('gin', sql`${t.customFields} jsonb_path_ops`)
      .with(SMALL_PENDING_LIST),
  ],
);
