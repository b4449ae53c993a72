import { Temporal } from 'temporal-polyfill';
import { chinaDayKind } from './holidays-cn.ts';

/** "09:00"–"18:00" in the calendar's own wall-clock time. */
export type WorkingSpan = readonly [start: string, end: string];

/**
 * A business calendar: working hours per ISO weekday (1 = Monday … 7 = Sunday) in an IANA time
 * zone, with days off (public holidays) and make-up working days (调休) on top.
 */
export interface BusinessCalendar {
  timeZone: string;
  weekly: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly WorkingSpan[]>>;
  /** Hours worked on a make-up working day that falls on a weekend; Monday's when absent. */
  makeUpHours?: readonly WorkingSpan[];
  /** 'cn' takes mainland China's holidays and 调休 from the chinese-days package. */
  holidaySource?: 'cn' | null;
  /** Admin-entered days (YYYY-MM-DD): they win over the holiday source. */
  days?: ReadonlyMap<string, 'off' | 'work'>;
}

/** Calendar time: the clock runs around the clock, every day. */
export const ALWAYS: BusinessCalendar = {
  timeZone: 'UTC',
  weekly: {
    1: [['00:00', '24:00']],
    2: [['00:00', '24:00']],
    3: [['00:00', '24:00']],
    4: [['00:00', '24:00']],
    5: [['00:00', '24:00']],
    6: [['00:00', '24:00']],
    7: [['00:00', '24:00']],
  },
};

/** How far ahead (in days) a walk may look before giving up: a calendar with no hours at all. */
const HORIZON_DAYS = 800;

function kindOfDay(cal: BusinessCalendar, date: Temporal.PlainDate): 'off' | 'work' | null {
  const key = date.toString();
  const admin = cal.days?.get(key);
  if (admin) return admin;
  return cal.holidaySource === 'cn' ? chinaDayKind(key) : null;
}

/**
 * A calendar's spans per date, once computed: zoned date arithmetic is the costly part of reading
 * a ticket's clocks, and a node reads the same few dates for every ticket it opens. Dates are
 * keyed by their day number (days since 1970-01-01), so a walk over days does no date arithmetic
 * at all once the memo holds them. Calendars are never changed in place (an edit loads a new
 * object), so a memo per object stays right.
 */
const spansMemo = new WeakMap<BusinessCalendar, Map<number, ReadonlyArray<readonly [number, number]>>>();

const DAY_MS = 86_400_000;
const EPOCH_DATE = Temporal.PlainDate.from('1970-01-01');

/** The spans worked on one local date, as [start, end) instants in epoch milliseconds. */
export function workingSpansOn(
  cal: BusinessCalendar,
  date: Temporal.PlainDate,
): ReadonlyArray<readonly [number, number]> {
  return spansOnDay(cal, EPOCH_DATE.until(date).days);
}

/** workingSpansOn for the local date `day` days after 1970-01-01. */
function spansOnDay(cal: BusinessCalendar, day: number): ReadonlyArray<readonly [number, number]> {
  let memo = spansMemo.get(cal);
  if (!memo) {
    memo = new Map();
    spansMemo.set(cal, memo);
  }
  const known = memo.get(day);
  if (known) return known;
  const spans = computeSpansOn(cal, EPOCH_DATE.add({ days: day }));
  if (memo.size >= 5_000) memo.clear();
  memo.set(day, spans);
  return spans;
}

/**
 * The first local date a walk from `at` must look at. Every zone's offset is under a day, so the
 * local date of `at` is its UTC date ± 1; a span of the day before that can still run past
 * midnight ("24:00"). Looking at a day or two too early costs nothing: those spans end before `at`.
 */
function firstDayToWalk(at: number): number {
  return Math.floor(at / DAY_MS) - 2;
}

function computeSpansOn(cal: BusinessCalendar, date: Temporal.PlainDate): Array<[number, number]> {
  const kind = kindOfDay(cal, date);
  if (kind === 'off') return [];
  const weekday = date.dayOfWeek as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  let spans = cal.weekly[weekday] ?? [];
  if (kind === 'work' && spans.length === 0) spans = cal.makeUpHours ?? cal.weekly[1] ?? [];
  return spans.map(([from, to]) => [instantOn(cal, date, from), instantOn(cal, date, to)]);
}

/** Wall-clock time on a date in the calendar's zone; "24:00" is the next midnight. DST gaps move later. */
function instantOn(cal: BusinessCalendar, date: Temporal.PlainDate, time: string): number {
  const day = time === '24:00' ? date.add({ days: 1 }) : date;
  const plain = Temporal.PlainTime.from(time === '24:00' ? '00:00' : time);
  return day.toZonedDateTime({ timeZone: cal.timeZone, plainTime: plain }).epochMilliseconds;
}

/** Working milliseconds between two instants. */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  // Through the UTC date after `to`: the local date of `to` is at most that one.
  const last = Math.floor(to / DAY_MS) + 1;
  for (let day = firstDayToWalk(from); day <= last; day++) {
    for (const [s, e] of spansOnDay(cal, day)) {
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      if (b > a) total += b - a;
    }
  }
  return total;
}

/**
 * The instant at which `budgetMs` of working time has passed after `from`. With budget 0 it is the
 * next working instant at or after `from`. Throws when the calendar has no working time ahead.
 */
export function addBusinessMs(cal: BusinessCalendar, from: number, budgetMs: number): number {
  let left = budgetMs;
  const first = firstDayToWalk(from);
  for (let day = first; day < first + HORIZON_DAYS; day++) {
    for (const [s, e] of spansOnDay(cal, day)) {
      const a = Math.max(s, from);
      if (e <= a) continue;
      if (e - a >= left) return a + left;
      left -= e - a;
    }
  }
  throw new Error('the calendar has no working time ahead');
}
