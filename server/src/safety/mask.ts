import { scanText } from './scan.ts';

/**
 * A customer's text with every secret the detectors find replaced by `[kind hidden]`: for the side
 * paths that store or show text outside a ticket message (search log, names, file names, CSAT
 * comments, mail subjects and HTML, log lines). Null and undefined pass through.
 */
export function maskSecrets(text: string): string;
export function maskSecrets(text: string | null | undefined): string | null | undefined;
export function maskSecrets(text: string | null | undefined): string | null | undefined {
  if (!text) return text;
  return scanText(text, { from: 'customer' }).masked;
}

/** Whether the detectors find a secret in the text. */
export function holdsSecret(text: string): boolean {
  return scanText(text, { from: 'customer' }).findings.length > 0;
}
