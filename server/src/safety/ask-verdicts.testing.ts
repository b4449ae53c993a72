import { expect, it } from 'vitest';
import { scanText } from './scan.ts';

/** Whether the agent reply screen blocks a reply (what `screenStaffText` refuses). */
export const blocked = (text: string) =>
  scanText(text, { from: 'agent' }).findings.some((f) => f.kind === 'secret_request');

/** One test per reply: each of `letThrough` is delivered, each of `asks` is blocked. */
export function itBlocksExactlyTheAsks(letThrough: string[], asks: string[]) {
  it.each([...letThrough.map((t) => [t, false] as const), ...asks.map((t) => [t, true] as const)])(
    '%s → blocked: %s',
    (text, ask) => {
      expect(blocked(text)).toBe(ask);
    },
  );
}
