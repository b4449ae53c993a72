import { authenticate, type DNSResolver } from 'mailauth';

/** The authenticity verdict stored with inbound mail and shown to agents. */
export interface AuthVerdict {
  spf: string;
  dkim: Array<{ domain: string; result: string; aligned: boolean }>;
  dmarc: string;
  dmarcDomain: string | null;
  arc: string;
  /** The From address proved itself: DMARC passed (aligned SPF or DKIM). */
  verified: boolean;
  /** One line for agents. */
  summary: string;
}

export interface Envelope {
  /** MAIL FROM; empty for bounces (the null sender). */
  mailFrom: string;
  remoteAddress: string;
  helo: string;
}

/**
 * Checks SPF for the connecting IP and MAIL FROM, DKIM signatures, DMARC alignment of the From
 * domain and the ARC chain. Only DMARC "pass" counts as proof: DKIM by another domain, an SPF
 * pass for a different envelope domain or a domain without a DMARC record prove nothing about
 * the From address an agent reads.
 */
export async function checkAuthenticity(
  raw: Buffer,
  envelope: Envelope,
  options: { mta: string; resolver?: DNSResolver },
): Promise<AuthVerdict> {
  // Polled from IMAP there is no SMTP session: the receiving MTA's Received header tells the IP.
  const session = envelope.remoteAddress
    ? { ip: envelope.remoteAddress, helo: envelope.helo, sender: envelope.mailFrom }
    : { trustReceived: true };
  // Read defensively: with DNS failing, parts of the result come back missing or `false`.
  const result = (await authenticate(raw, {
    ...session,
    mta: options.mta,
    disableBimi: true,
    ...(options.resolver ? { resolver: options.resolver } : {}),
  })) as unknown as LooseResult;
  const dmarcResult = result.dmarc || undefined;
  const dmarc = dmarcResult?.status?.result ?? 'none';
  // DMARC passing through DKIM alone proves only the headers the signature covers: an instance of
  // a header added after signing (a second Subject, an unsigned Reply-To) must not ride along.
  const spfAligned = Boolean(dmarcResult?.alignment?.spf?.result);
  const counts = headerCounts(raw);
  // An unsigned mail comes back as one signature-less "none" entry: only real signatures count.
  const signatures = (result.dkim?.results ?? []).filter((r) => r.signingDomain);
  const dkimCovers = signatures.some(
    (r) => r.status?.result === 'pass' && Boolean(r.status.aligned) && coversHeaders(r, counts),
  );
  const verified = dmarc === 'pass' && (spfAligned || dkimCovers);
  const spf = (result.spf || undefined)?.status?.result ?? 'none';
  const dkim = signatures.map((r) => ({
    domain: r.signingDomain ?? '',
    result: r.status?.result ?? 'none',
    aligned: Boolean(r.status?.aligned),
  }));
  const arc = (result.arc || undefined)?.status?.result ?? 'none';
  const dmarcDomain = dmarcResult?.domain ?? null;
  const dkimText = dkim.length ? dkim.map((d) => `${d.result}(${d.domain})`).join(',') : 'none';
  return {
    spf,
    dkim,
    dmarc,
    dmarcDomain,
    arc,
    verified,
    summary: `spf=${spf} dkim=${dkimText} dmarc=${dmarc} arc=${arc}${dmarc === 'pass' && !verified ? ' (headers added after signing)' : ''}`,
  };
}

type Status = { status?: { result?: string; aligned?: boolean | string } };
type SignedResult = Status & { signingDomain?: string; signingHeaders?: { keys?: string } };
interface LooseResult {
  dmarc?: false | (Status & { domain?: string; alignment?: { spf?: { result?: string | false } } });
  spf?: false | Status;
  arc?: false | Status;
  dkim?: { results?: SignedResult[] };
}

/** Headers whose every instance a DKIM-only pass must cover. */
const CRITICAL = ['from', 'subject', 'reply-to', 'to', 'cc', 'sender'];

function coversHeaders(r: SignedResult, counts: Map<string, number>): boolean {
  const signed = new Map<string, number>();
  for (const key of (r.signingHeaders?.keys ?? '').split(':')) {
    const name = key.trim().toLowerCase();
    if (name) signed.set(name, (signed.get(name) ?? 0) + 1);
  }
  for (const [name, n] of counts) {
    const covered = signed.get(name) ?? 0;
    if ((covered > 0 || CRITICAL.includes(name)) && n > covered) return false;
  }
  return true;
}

/** How many times each header field appears in the mail's header block. */
function headerCounts(raw: Buffer): Map<string, number> {
  const head =
    raw
      .subarray(0, 256 * 1024)
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const counts = new Map<string, number>();
  for (const m of head.matchAll(/^([!-9;-~]+):/gm)) {
    const name = m[1]!.toLowerCase();
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/**
 * A resolver answering from fixed records (EMAIL_DNS_OVERRIDES_FILE): keys are "name TYPE",
 * e.g. "sel._domainkey.example.com TXT". Names not listed do not exist, as on an air-gapped host.
 */
export function staticResolver(records: Record<string, string[][]>): DNSResolver {
  return async (name, type) => {
    const answer = records[`${name.toLowerCase()} ${type.toUpperCase()}`];
    if (!answer) throw Object.assign(new Error(`no record ${name} ${type}`), { code: 'ENOTFOUND' });
    return type.toUpperCase() === 'TXT' ? answer : answer.map((a) => a.join(''));
  };
}
