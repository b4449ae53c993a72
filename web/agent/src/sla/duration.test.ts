import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

describe('formatDuration', () => {
  it('keeps the two largest units, either sign', () => {
    expect(formatDuration(45 * 60_000, 'en')).toBe('45m');
    expect(formatDuration(-(3 * 60 + 5) * 60_000, 'en')).toBe('3h 5m');
    expect(formatDuration((2 * 1440 + 3 * 60 + 59) * 60_000, 'en')).toBe('2d 3h');
    expect(formatDuration(1440 * 60_000, 'zh-CN')).toBe('1天');
    expect(formatDuration(90 * 60_000, 'zh-CN')).toBe('1小时30分');
  });
});
