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
  const result = await authenticate(raw, {
    ...session,
    mta: options.mta,
    disableBimi: true,
    ...(options.resolver ? { resolver: options.resolver } : {}),
  });
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const verified = dmarc === 'pass';
  const spf = result.spf ? result.spf.status.result : 'none';
  const dkim = (result.dkim?.results ?? []).map((r) => ({
    domain: r.signingDomain,
    result: r.status.result,
    aligned: Boolean(r.status.aligned),
  }));
  const arc = result.arc ? result.arc.status.result : 'none';
  const dmarcDomain = result.dmarc ? result.dmarc.domain : null;
  const dkimText = dkim.length ? dkim.map((d) => `${d.result}(${d.domain})`).join(',') : 'none';
  return {
    spf,
    dkim,
    dmarc,
    dmarcDomain,
    arc,
    verified,
    summary: `spf=${spf} dkim=${dkimText} dmarc=${dmarc} arc=${arc}`,
  };
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
