import { describe, expect, it } from 'vitest';
import { formatWeekly, parseSpans } from './weekly.ts';

describe('working hours text', () => {
  it('parses spans and refuses malformed or backwards ones', () => {
    expect(parseSpans('09:00-12:00, 13:00 – 18:00')).toEqual([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
    expect(parseSpans('')).toEqual([]);
    expect(parseSpans('00:00-24:00')).toEqual([['00:00', '24:00']]);
    expect(parseSpans('18:00-09:00')).toBeNull();
    expect(parseSpans('9-18')).toBeNull();
  });
  it('runs equal weekdays together', () => {
    const nine = [['09:00', '18:00']] as Array<[string, string]>;
    const weekly = {
      '1': nine,
      '2': nine,
      '3': nine,
      '4': nine,
      '5': nine,
      '6': [['10:00', '16:00']] as Array<[string, string]>,
      '7': [],
    };
    expect(formatWeekly(weekly, (d) => `D${d}`)).toBe('D1–D5 09:00-18:00 · D6 10:00-16:00');
  });
});
