/**
 * Brand colours and their contrast (WCAG 2.x relative luminance). The customer pages put white
 * text on the primary colour (light pages) and dark text on the accent colour (dark pages), and
 * use the same colour for links on the page: both pairs must reach 4.5:1, the level for body text.
 */

/** `#rrggbb`, the only form stored: anything else could carry CSS into the brand stylesheet. */
export const HEX_COLOUR = '^#[0-9a-fA-F]{6}$';

/** White text on the primary colour. */
export const LIGHT_TEXT = '#ffffff';
/** The dark pages' text on the accent colour (theme.css's dark --accent-text). */
export const DARK_TEXT = '#0b0d10';
export const MIN_CONTRAST = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb`, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio of two colours, 1 to 21, rounded down to two decimals (never flattering). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return Math.floor(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}
