import { describe, expect, it } from 'vitest';
import { ALWAYS, addBusinessMs, type BusinessCalendar, businessMsBetween } from './calendar.ts';
import { readClocks, type TicketHistory } from './clock.ts';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const MIN = 60_000;
const weekdays = (span: [string, string]) => ({ 1: [span], 2: [span], 3: [span], 4: [span], 5: [span] });

const shanghai: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  weekly: weekdays(['09:00', '18:00']),
  holidaySource: 'cn',
};
const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', weekly: weekdays(['09:00', '17:00']) };

const opened = (createdAt: string): TicketHistory => ({
  createdAt: t(createdAt),
  statusChanges: [],
  publicMessages: [],
});

describe('business calendar', () => {
  it('opened 17:59 on the Friday before National Day 2025: one minute, then the 调休 Sunday', () => {
    const start = t('2025-09-26T17:59:00+08:00');
    // 60 working minutes: Friday's last minute, Saturday off, Sunday 28 Sep is a make-up working day.
    expect(iso(addBusinessMs(shanghai, start, 60 * MIN))).toBe('2025-09-28T01:59:00.000Z');
    // Four working days (36 h): Fri 1 min, Sun/Mon/Tue 27 h, 1–8 Oct off, the rest on Thursday 9 Oct.
    expect(iso(addBusinessMs(shanghai, start, 36 * 60 * MIN))).toBe('2025-10-09T09:59:00.000Z');
    expect(businessMsBetween(shanghai, start, t('2025-10-09T09:00:00+08:00'))).toBe((1 + 27 * 60) * MIN);
  });

  it('counts a 调休 Sunday as a working day only with the China holiday source', () => {
    const sunday = t('2025-09-28T10:00:00+08:00');
    expect(iso(addBusinessMs(shanghai, sunday, 120 * MIN))).toBe('2025-09-28T04:00:00.000Z');
    const plain = { ...shanghai, holidaySource: null };
    expect(iso(addBusinessMs(plain, sunday, 120 * MIN))).toBe('2025-09-29T03:00:00.000Z');
    // An admin-entered day off wins over the package.
    const adminOff = { ...shanghai, days: new Map([['2025-09-28', 'off' as const]]) };
    expect(iso(addBusinessMs(adminOff, sunday, 120 * MIN))).toBe('2025-09-29T03:00:00.000Z');
  });

  it('places due times by each zone across the date line', () => {
    const instant = t('2026-11-20T20:30:00Z'); // Saturday 09:30 in Auckland, Friday 10:30 in Honolulu
    const auckland = { timeZone: 'Pacific/Auckland', weekly: weekdays(['09:00', '17:00']) };
    const honolulu = { timeZone: 'Pacific/Honolulu', weekly: weekdays(['09:00', '17:00']) };
    expect(iso(addBusinessMs(auckland, instant, 60 * MIN))).toBe('2026-11-22T21:00:00.000Z');
    expect(iso(addBusinessMs(honolulu, instant, 60 * MIN))).toBe('2026-11-20T21:30:00.000Z');
  });

  it('follows daylight-saving changes in Europe/Berlin', () => {
    // Spring forward (29 Mar 2026): Friday 16:00 CET + 2 h → Monday 10:00 CEST.
    expect(iso(addBusinessMs(berlin, t('2026-03-27T15:00:00Z'), 120 * MIN))).toBe('2026-03-30T08:00:00.000Z');
    // Fall back (25 Oct 2026): Friday 16:30 CEST + 1 h → Monday 09:30 CET.
    expect(iso(addBusinessMs(berlin, t('2026-10-23T14:30:00Z'), 60 * MIN))).toBe('2026-10-26T08:30:00.000Z');
    // A night shift 00:00–06:00 on the fall-back Sunday lasts seven real hours, on spring-forward five.
    const nights = { timeZone: 'Europe/Berlin', weekly: { 7: [['00:00', '06:00'] as const] } };
    expect(businessMsBetween(nights, t('2026-10-24T00:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(
      7 * 60 * MIN,
    );
    expect(businessMsBetween(nights, t('2026-03-28T00:00:00Z'), t('2026-03-30T00:00:00Z'))).toBe(
      5 * 60 * MIN,
    );
    // Calendar time around the clock in Berlin: the short day has 23 hours.
    const allDay = { ...ALWAYS, timeZone: 'Europe/Berlin' };
    expect(businessMsBetween(allDay, t('2026-03-28T23:00:00Z'), t('2026-03-29T22:00:00Z'))).toBe(
      23 * 60 * MIN,
    );
  });
});

describe('SLA clocks', () => {
  const targets = { firstResponseMinutes: 180, nextResponseMinutes: 60, resolutionMinutes: 540 };

  it('pauses across midnight while pending and resumes on the customer reply', () => {
    const history: TicketHistory = {
      createdAt: t('2025-11-11T16:00:00+08:00'),
      statusChanges: [
        { at: t('2025-11-11T17:00:00+08:00'), to: 'pending' },
        { at: t('2025-11-12T10:00:00+08:00'), to: 'open' },
      ],
      publicMessages: [],
    };
    const paused = readClocks(shanghai, targets, history, t('2025-11-12T08:00:00+08:00'));
    const first = paused.find((r) => r.metric === 'first_response')!;
    expect(first.state).toBe('paused');
    expect(first.leftMs).toBe(120 * MIN);
    expect(first.dueAt).toBeNull();

    const resumed = readClocks(shanghai, targets, history, t('2025-11-12T10:30:00+08:00'));
    const again = resumed.find((r) => r.metric === 'first_response')!;
    expect(again.state).toBe('running');
    expect(iso(again.dueAt)).toBe('2025-11-12T04:00:00.000Z'); // 12:00 Shanghai
    expect(iso(again.warnAt)).toBe('2025-11-12T03:15:00.000Z'); // 135 of 180 minutes used
    expect(again.leftMs).toBe(90 * MIN);

    // Calendar time: 22:00 → pending 23:00 → open 01:30, 4 h target → due 04:30.
    const night: TicketHistory = {
      createdAt: t('2026-03-10T22:00:00Z'),
      statusChanges: [
        { at: t('2026-03-10T23:00:00Z'), to: 'pending' },
        { at: t('2026-03-11T01:30:00Z'), to: 'open' },
      ],
      publicMessages: [],
    };
    const [clock] = readClocks(
      ALWAYS,
      { ...targets, firstResponseMinutes: 240 },
      night,
      t('2026-03-11T02:00:00Z'),
    );
    expect(iso(clock!.dueAt)).toBe('2026-03-11T04:30:00.000Z');
  });

  it('stops at the first public reply and starts the next-response clock on the customer answer', () => {
    const history: TicketHistory = {
      ...opened('2025-11-11T09:00:00+08:00'),
      publicMessages: [
        { at: t('2025-11-11T13:00:00+08:00'), by: 'staff' },
        { at: t('2025-11-11T17:30:00+08:00'), by: 'customer' },
      ],
    };
    const readings = readClocks(shanghai, targets, history, t('2025-11-12T09:45:00+08:00'));
    const first = readings.find((r) => r.metric === 'first_response')!;
    expect(first).toMatchObject({
      state: 'missed',
      elapsedMs: 240 * MIN,
      dueAt: t('2025-11-11T12:00:00+08:00'),
    });
    const next = readings.find((r) => r.metric === 'next_response')!;
    // 30 minutes on Tuesday evening, 45 on Wednesday morning: due at 09:30, breached by now.
    expect(next.state).toBe('breached');
    expect(iso(next.dueAt)).toBe('2025-11-12T01:30:00.000Z');
    expect(next.leftMs).toBe(-15 * MIN);
  });

  it('reports the resolution as met when solved in time, and resumes on reopen', () => {
    const base = opened('2025-11-11T09:00:00+08:00');
    const solved: TicketHistory = {
      ...base,
      statusChanges: [{ at: t('2025-11-11T15:00:00+08:00'), to: 'solved' }],
    };
    const res = readClocks(shanghai, targets, solved, t('2025-11-20T00:00:00Z')).find(
      (r) => r.metric === 'resolution',
    )!;
    expect(res).toMatchObject({ state: 'met', elapsedMs: 360 * MIN, dueAt: null });
    const reopened: TicketHistory = {
      ...base,
      statusChanges: [...solved.statusChanges, { at: t('2025-11-12T09:00:00+08:00'), to: 'open' }],
    };
    const again = readClocks(shanghai, targets, reopened, t('2025-11-12T10:00:00+08:00')).find(
      (r) => r.metric === 'resolution',
    )!;
    expect(again.state).toBe('running');
    expect(again.leftMs).toBe(120 * MIN);
    expect(iso(again.dueAt)).toBe('2025-11-12T04:00:00.000Z');
  });

  it('gives no due time, rather than failing, on a calendar without working time', () => {
    const empty: BusinessCalendar = { timeZone: 'Asia/Shanghai', weekly: {} };
    const [first] = readClocks(
      empty,
      targets,
      opened('2025-11-11T09:00:00+08:00'),
      t('2025-11-12T00:00:00Z'),
    );
    expect(first).toMatchObject({ state: 'running', elapsedMs: 0, dueAt: null, warnAt: null });
  });
});
