import { describe, expect, it } from 'vitest';
import { formatWait } from './format.ts';

describe('formatWait', () => {
  it('shows the two largest units in either language', () => {
    expect(formatWait(0, 'en')).toBe('0s');
    expect(formatWait(42.4, 'en')).toBe('42s');
    expect(formatWait(185, 'en')).toBe('3m 05s');
    expect(formatWait(185, 'zh-CN')).toBe('3分05秒');
    expect(formatWait(3720, 'en')).toBe('1h 2m');
    expect(formatWait(-5, 'zh-CN')).toBe('0秒');
  });
});
