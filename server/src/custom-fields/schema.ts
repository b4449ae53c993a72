import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const CUSTOM_FIELD_ENTITIES = ['ticket', 'customer'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'choice', 'date', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export interface CustomFieldChoice {
  value: string;
  zh: string;
  en: string;
}
/** A stored value: text, choice and date are strings (a date as YYYY-MM-DD). */
export type CustomFieldValue = string | number | boolean;

/**
 * A field the desk's admins define for tickets or for customers. Its values live on the ticket
 * (`tickets.custom_fields`) or the customer (`customers.custom_fields`) under `key`, which never
 * changes once made. Archiving hides a field from forms and refuses new values; the values
 * already stored stay (and stay searchable and filterable).
 */
export const customFieldDefinitions = pgTable(
  'custom_field_definitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    entity: text().$type<CustomFieldEntity>().notNull(),
    key: text().notNull(),
    type: text().$type<CustomFieldType>().notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    choices: jsonb().$type<CustomFieldChoice[]>().notNull().default(sql`'[]'::jsonb`),
    /** A required field, once set, cannot be cleared. */
    required: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('custom_field_definitions_key').on(t.entity, t.key)],
);
export type CustomFieldDefinition = typeof customFieldDefinitions.$inferSelect;
