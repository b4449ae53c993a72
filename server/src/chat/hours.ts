import { eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../db/client.ts';
import { teams } from '../desk/schema.ts';
import { addBusinessMs, type BusinessCalendar, workingSpansOn } from '../sla/calendar.ts';
import { calendarFromRow } from '../sla/refresh.ts';
import { slaCalendars } from '../sla/schema.ts';

/**
 * A team's chat opening hours, from the SLA business calendar it names (`teams.chat_calendar_id`):
 * working hours per weekday in a time zone, holidays and 调休. No calendar: around the clock.
 */
export interface ChatHours {
  open: boolean;
  /** When closed: the next instant a person can be reached (null when the calendar has none ahead). */
  opensAt: Date | null;
  /** When open: the end of the working time running now (null when around the clock). */
  closesAt: Date | null;
  /** The calendar's zone, to say the opening time in the team's own clock; null without hours. */
  timeZone: string | null;
  calendarId: string | null;
}

export const ALWAYS_OPEN: ChatHours = {
  open: true,
  opensAt: null,
  closesAt: null,
  timeZone: null,
  calendarId: null,
};

/** How far to follow working spans that join end to start before calling it "does not close". */
const JOIN_HORIZON_DAYS = 14;

/** Whether the calendar is open at `at`, and the next change (opening or closing). */
export function hoursAt(cal: BusinessCalendar, at: number): Pick<ChatHours, 'open' | 'opensAt' | 'closesAt'> {
  let next: number;
  try {
    next = addBusinessMs(cal, at, 0);
  } catch {
    return { open: false, opensAt: null, closesAt: null };
  }
  if (next > at) return { open: false, opensAt: new Date(next), closesAt: null };
  // Open now: follow the spans that touch one another (a day ending at 24:00, the next at 00:00).
  let cursor = at;
  let date = Temporal.Instant.fromEpochMilliseconds(at)
    .toZonedDateTimeISO(cal.timeZone)
    .toPlainDate()
    .subtract({ days: 1 });
  for (let i = 0; i < JOIN_HORIZON_DAYS + 2; i++) {
    // A copy: the calendar memoises its spans per date, and sorting in place would change them.
    const spans = [...workingSpansOn(cal, date)].sort((a, b) => a[0] - b[0]);
    for (const [s, e] of spans) if (s <= cursor && e > cursor) cursor = e;
    date = date.add({ days: 1 });
  }
  const closesAt = cursor - at >= JOIN_HORIZON_DAYS * 86_400_000 ? null : new Date(cursor);
  return { open: true, opensAt: null, closesAt };
}

/** The team's chat hours now (or at `at`). A team without a chat calendar is always open. */
export async function teamChatHours(db: Executor, teamId: string, at = Date.now()): Promise<ChatHours> {
  const [row] = await db
    .select({ calendar: slaCalendars })
    .from(teams)
    .innerJoin(slaCalendars, eq(slaCalendars.id, teams.chatCalendarId))
    .where(eq(teams.id, teamId));
  if (!row) return ALWAYS_OPEN;
  const calendar = await calendarFromRow(db, row.calendar);
  return { ...hoursAt(calendar, at), timeZone: calendar.timeZone, calendarId: row.calendar.id };
}

/** "周三 11月25日 09:00 (Asia/Shanghai)" / "Wed, Nov 25, 09:00 (Asia/Shanghai)": the team's own clock. */
export function formatOpening(at: Date, timeZone: string, lang: 'zh-CN' | 'en'): string {
  const text = new Intl.DateTimeFormat(lang, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} (${timeZone})`;
}
