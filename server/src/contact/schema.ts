import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Opening hours of a phone line, in the line's own time zone. Days: 1 = Monday … 7 = Sunday. */
export interface WeeklyHours {
  /** Open around the clock: the other fields are ignored. */
  always?: boolean;
  slots: Array<{ days: number[]; open: string; close: string }>;
}

/** A support phone line (客服热线) for a country or region. */
export const hotlines = pgTable(
  'hotlines',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** ISO 3166-1 alpha-2 code of the country or region it serves (HK, SG, GB …). */
    region: text().notNull(),
    /** E.164, e.g. +6531234567. */
    number: text().notNull(),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    timeZone: text('time_zone').notNull(),
    hours: jsonb().$type<WeeklyHours>().notNull(),
    noteZh: text('note_zh'),
    noteEn: text('note_en'),
    position: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('hotlines_region_idx').on(t.region)],
);
