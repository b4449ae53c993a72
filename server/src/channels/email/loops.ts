import type { HeaderValue } from 'mailparser';
import { headerText } from './parse.ts';

export type Automation =
  | { kind: 'bounce'; reason: string }
  | { kind: 'automated'; reason: string }
  | { kind: 'own'; reason: string }
  | null;

export interface LoopFacts {
  mailFrom: string;
  fromAddress: string;
  contentType: string;
  headers: Map<string, HeaderValue>;
  ownAddresses: ReadonlySet<string>;
}

/**
 * Mail a machine sent: Kefu never answers it (no acknowledgement), so two robots cannot keep
 * writing to each other. Bounces are told apart because they mark an address as failing.
 */
export function classifyAutomation(f: LoopFacts): Automation {
  const from = f.fromAddress.toLowerCase();
  if (f.ownAddresses.has(from) || f.ownAddresses.has(f.mailFrom.toLowerCase())) {
    return { kind: 'own', reason: 'from a Kefu support address' };
  }
  const local = from.split('@')[0] ?? '';
  if (
    /^multipart\/report/i.test(f.contentType) ||
    headerText(f.headers, 'content-type').includes('report-type=delivery-status')
  ) {
    return { kind: 'bounce', reason: 'delivery status report' };
  }
  if (f.mailFrom === '' || f.mailFrom === '<>') return { kind: 'bounce', reason: 'null sender' };
  if (/^(mailer-daemon|postmaster)$/i.test(local)) return { kind: 'bounce', reason: `from ${local}` };
  const autoSubmitted = headerText(f.headers, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no')
    return { kind: 'automated', reason: `Auto-Submitted: ${autoSubmitted}` };
  const precedence = headerText(f.headers, 'precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) {
    return { kind: 'automated', reason: `Precedence: ${precedence}` };
  }
  // mailparser gathers List-Id, List-Unsubscribe … under one "list" key.
  for (const name of f.headers.keys()) {
    if (name === 'list' || name.startsWith('list-')) return { kind: 'automated', reason: 'List-* header' };
  }
  if (headerText(f.headers, 'x-autoreply') || headerText(f.headers, 'x-autorespond')) {
    return { kind: 'automated', reason: 'X-Autoreply header' };
  }
  if (/^(no-?reply|do-?not-?reply)$/i.test(local)) return { kind: 'automated', reason: 'no-reply sender' };
  return null;
}

/** The recipient a delivery report is about (RFC 3464 Final-Recipient, or X-Failed-Recipients). */
export function bouncedRecipient(headers: Map<string, HeaderValue>, raw: string): string | null {
  const failed = headerText(headers, 'x-failed-recipients');
  if (failed) return failed.split(',')[0]!.trim();
  const m = /^(?:Final|Original)-Recipient:\s*rfc822;\s*<?([^\s>]+@[^\s>]+)>?/im.exec(raw);
  return m ? m[1]!.toLowerCase() : null;
}
