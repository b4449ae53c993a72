import type { WeeklyHours } from './schema.ts';

/** The weekday (1 = Monday … 7 = Sunday) and minutes since midnight of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Whether a line is open at `at`. A slot whose close is earlier than its open runs past midnight
 * (22:00–02:00 on Friday covers Friday night and early Saturday).
 */
export function isOpenAt(hours: WeeklyHours, timeZone: string, at: Date): boolean {
  if (hours.always) return true;
  const { day, minutes } = localTime(at, timeZone);
  const previous = day === 1 ? 7 : day - 1;
  return hours.slots.some((slot) => {
    const open = toMinutes(slot.open);
    const close = toMinutes(slot.close);
    if (close > open) return slot.days.includes(day) && minutes >= open && minutes < close;
    return (slot.days.includes(day) && minutes >= open) || (slot.days.includes(previous) && minutes < close);
  });
}

/** Checks an admin's hours before they are stored. Returns a problem, or null. */
export function hoursProblem(hours: WeeklyHours, timeZone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return `unknown time zone "${timeZone}"`;
  }
  if (hours.always) return null;
  if (hours.slots.length === 0) return 'no opening hours';
  for (const slot of hours.slots) {
    if (!slot.days.length || slot.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      return 'days must be 1–7';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(slot.open) || !/^([01]\d|2[0-4]):[0-5]\d$/.test(slot.close)) {
      return 'times must be HH:MM';
    }
    if (slot.open === slot.close) return 'a slot cannot open and close at the same time';
  }
  return null;
}
