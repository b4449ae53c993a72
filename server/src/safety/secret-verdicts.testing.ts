import { scanText } from './scan.ts';

/** What the customer-side screen masks in a message, as the masked strings in order. */
export const masked = (text: string) =>
  scanText(text, { from: 'customer' }).findings.map((f) => text.slice(f.start, f.end));
