import { type Static, Type } from '@fastify/type-provider-typebox';
import { desc, eq, or } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../db/client.ts';
import { ALWAYS, addBusinessMs, type BusinessCalendar, workingSpansOn } from '../sla/calendar.ts';
import { SLA_METRICS } from '../sla/clock.ts';
import { calendarFromRow } from '../sla/refresh.ts';
import { slaCalendars } from '../sla/schema.ts';

/**
 * When a time rule is due for a ticket:
 * - `status_for`: the ticket has been in `status` for `amount` hours (calendar time), working
 *   hours, or working days on its business calendar (holidays and 调休 included). A working day
 *   count ends at the same time of day that many working days later, or at the next working
 *   moment after it (a reminder is not sent at 3 a.m.).
 * - `sla_due`: a running service-level clock (of `metrics`, all when empty) is due within
 *   `minutesBefore` minutes, or already past due ("near breach"; 0 = at the breach).
 */
export const TimeRuleWhenSchema = Type.Union([
  Type.Object(
    {
      type: Type.Literal('status_for'),
      status: Type.Union(['new', 'open', 'pending', 'on_hold', 'solved'].map((s) => Type.Literal(s))),
      amount: Type.Integer({ minimum: 1, maximum: 10_000 }),
      unit: Type.Union([
        Type.Literal('hours'),
        Type.Literal('business_hours'),
        Type.Literal('business_days'),
      ]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('sla_due'),
      metrics: Type.Optional(
        Type.Array(Type.Union(SLA_METRICS.map((m) => Type.Literal(m))), { maxItems: SLA_METRICS.length }),
      ),
      minutesBefore: Type.Integer({ minimum: 0, maximum: 10_080 }),
    },
    { additionalProperties: false },
  ),
]);
export type TimeRuleWhen = Static<typeof TimeRuleWhenSchema>;
export type StatusForWhen = Extract<TimeRuleWhen, { type: 'status_for' }>;

const HOUR_MS = 3_600_000;

/**
 * The least calendar time a `status_for` rule can need: working time never runs faster than the
 * clock, and a working day is at least a (short, DST) day later. Lets the scan skip in SQL the
 * tickets that cannot be due yet.
 */
export function leastWaitMs(when: StatusForWhen): number {
  return when.unit === 'business_days' ? when.amount * 23 * HOUR_MS : when.amount * HOUR_MS;
}

/** When a ticket that entered the status at `since` becomes due; null when the calendar has no time ahead. */
export function statusDueAt(when: StatusForWhen, cal: BusinessCalendar, since: Date): Date | null {
  const from = since.getTime();
  try {
    if (when.unit === 'hours') return new Date(from + when.amount * HOUR_MS);
    if (when.unit === 'business_hours') return new Date(addBusinessMs(cal, from, when.amount * HOUR_MS));
    const start = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(cal.timeZone);
    let date = start.toPlainDate();
    // A calendar with no working day for two years never comes due.
    for (let counted = 0, looked = 0; counted < when.amount; looked++) {
      if (looked > 800 + when.amount * 7) return null;
      date = date.add({ days: 1 });
      if (workingSpansOn(cal, date).length > 0) counted++;
    }
    const sameTime = date.toZonedDateTime({ timeZone: cal.timeZone, plainTime: start.toPlainTime() });
    return new Date(addBusinessMs(cal, sameTime.epochMilliseconds, 0));
  } catch {
    return null;
  }
}

/**
 * The calendar of a ticket's team, else the desk's default; with none, every hour counts.
 * Memoised per scan by the caller (`calendars`), since a scan looks at many tickets of few teams.
 */
export async function teamCalendar(
  ex: Executor,
  teamId: string | null,
  calendars: Map<string, BusinessCalendar> = new Map(),
): Promise<BusinessCalendar> {
  const key = teamId ?? '';
  const known = calendars.get(key);
  if (known) return known;
  const rows = await ex
    .select()
    .from(slaCalendars)
    .where(or(teamId ? eq(slaCalendars.teamId, teamId) : undefined, eq(slaCalendars.isDefault, true)))
    .orderBy(desc(slaCalendars.isDefault));
  const row = rows.find((r) => teamId && r.teamId === teamId) ?? rows[0];
  const cal = row ? await calendarFromRow(ex, row) : ALWAYS;
  calendars.set(key, cal);
  return cal;
}
