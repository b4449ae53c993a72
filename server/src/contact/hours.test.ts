import { describe, expect, it } from 'vitest';
import { hoursProblem, isOpenAt } from './hours.ts';

describe('hotline hours', () => {
  const weekdays = { slots: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] };

  it('reads the hours in the line’s own time zone', () => {
    // 01:30 UTC on Monday 2026-11-23 is 09:30 in Singapore, still Sunday night in London.
    const at = new Date('2026-11-23T01:30:00Z');
    expect(isOpenAt(weekdays, 'Asia/Singapore', at)).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/London', at)).toBe(false);
  });

  it('closes at the closing minute and on weekends', () => {
    expect(isOpenAt(weekdays, 'Asia/Singapore', new Date('2026-11-23T10:00:00Z'))).toBe(false); // 18:00 SGT
    expect(isOpenAt(weekdays, 'Asia/Singapore', new Date('2026-11-28T03:00:00Z'))).toBe(false); // Saturday
  });

  it('handles a slot across midnight', () => {
    const late = { slots: [{ days: [5], open: '22:00', close: '02:00' }] };
    expect(isOpenAt(late, 'UTC', new Date('2026-11-27T23:00:00Z'))).toBe(true); // Friday 23:00
    expect(isOpenAt(late, 'UTC', new Date('2026-11-28T01:00:00Z'))).toBe(true); // Saturday 01:00
    expect(isOpenAt(late, 'UTC', new Date('2026-11-28T03:00:00Z'))).toBe(false);
  });

  it('is always open around the clock', () => {
    expect(isOpenAt({ always: true, slots: [] }, 'UTC', new Date())).toBe(true);
  });

  it('refuses malformed hours', () => {
    expect(hoursProblem(weekdays, 'Mars/Olympus')).toMatch(/time zone/);
    expect(hoursProblem({ slots: [{ days: [8], open: '09:00', close: '10:00' }] }, 'UTC')).toMatch(/days/);
    expect(hoursProblem({ slots: [{ days: [1], open: '9am', close: '10:00' }] }, 'UTC')).toMatch(/HH:MM/);
    expect(hoursProblem(weekdays, 'Asia/Shanghai')).toBeNull();
  });
});
