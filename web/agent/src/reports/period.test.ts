import { describe, expect, it } from 'vitest';
import { bucketsOf, dayIn, periodQuery, startOfDay } from './period.ts';

describe('report periods in the agent time zone', () => {
  it('starts a day at local midnight', () => {
    expect(startOfDay('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    // Europe/Berlin changes to summer time on 2026-03-29 (UTC+1 at midnight).
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay('2026-01-01', 'Pacific/Kiritimati').toISOString()).toBe('2025-12-31T10:00:00.000Z');
  });
  it('includes the last day and knows today', () => {
    expect(periodQuery('2026-11-01', '2026-11-30', 'Asia/Shanghai')).toEqual({
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
    });
    expect(dayIn('Asia/Shanghai', 0, Date.parse('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(dayIn('Asia/Shanghai', -30, Date.parse('2026-11-24T17:00:00Z'))).toBe('2026-10-26');
  });
});

describe('trend buckets', () => {
  it('lists every day, or every Monday, so quiet days show as zero', () => {
    expect(bucketsOf('2026-11-29', '2026-12-02', 'day')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
    // 2026-11-25 is a Wednesday: its week starts on Monday 2026-11-23.
    expect(bucketsOf('2026-11-25', '2026-12-07', 'week')).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
  });
});
