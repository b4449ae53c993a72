import { describe, expect, it } from 'vitest';
import { contrast, DARK_TEXT, LIGHT_TEXT, luminance } from './brand-colours.ts';

describe('brand colour contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1, 5);
    expect(luminance('#000000')).toBe(0);
    expect(contrast('#000000', '#ffffff')).toBe(21);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(contrast('#767676', LIGHT_TEXT)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#777777', LIGHT_TEXT)).toBeLessThan(4.5);
  });

  it('is symmetric and rounds down', () => {
    expect(contrast('#0b6bcb', LIGHT_TEXT)).toBe(contrast(LIGHT_TEXT, '#0b6bcb'));
    expect(contrast('#0b6bcb', LIGHT_TEXT)).toBe(5.27);
    expect(contrast('#5aa9ff', DARK_TEXT)).toBeGreaterThan(7);
  });
});
