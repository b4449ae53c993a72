import type { Db } from '../db/client.ts';
import {
  brandTokens,
  domainLookalike,
  type HostParts,
  handleLookalike,
  hostParts,
  type LookalikeWhy,
  phoneLookalike,
  skeleton,
} from './lookalike.ts';
import { officialChannels } from './schema.ts';
import { type Reason, reasons } from './verify-reasons.ts';

/**
 * Is this really ours? Answers for a domain, a URL, an email address, a phone number, a @handle
 * or a code from one of our emails, against the registry of official channels.
 */

/**
 * Looks up a verification code printed in an outbound email (the email capability stores them).
 * Pluggable: `buildVerifier` gets it at wiring time; without one, codes are answered "unknown".
 */
export type VerificationCodeLookup = (
  db: Db,
  code: string,
) => Promise<{ sentTo: string; sentAt: Date; ticketNumber: string | null } | null>;

export type ValueKind = 'domain' | 'url' | 'email' | 'phone' | 'handle' | 'code';

export interface OfficialRef {
  kind: string;
  value: string;
  name: string;
  note: string;
}

export interface Verdict {
  verdict: 'official' | 'lookalike' | 'unknown';
  kind: ValueKind;
  official: OfficialRef | null;
  reason: Reason;
  /** For a code: where and when we sent it (the address partly hidden). */
  code?: { sentTo: string; sentAt: string; ticketNumber: string | null };
}

export function classify(raw: string): { kind: ValueKind; value: string } {
  const v = raw.trim();
  const tme = /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/@?([\w.]+)\/?$/i.exec(v);
  if (tme) return { kind: 'handle', value: tme[1]! };
  if (v.startsWith('@')) return { kind: 'handle', value: v.slice(1) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^[^\s/@]+\.[^\s/@]+\/\S*$/.test(v))
    return { kind: 'url', value: v };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return { kind: 'email', value: v.toLowerCase() };
  const digits = v.replace(/\D/g, '');
  if (
    /^\+?[\d\s\-().]+$/.test(v) &&
    (v.startsWith('+') || digits.length >= 9 || /[\s\-()]/.test(v)) &&
    digits.length >= 5
  )
    return { kind: 'phone', value: `+${digits}` };
  if (/^\S+\.\S+$/.test(v) && !/^\d+(\.\d+)*$/.test(v)) return { kind: 'domain', value: v.toLowerCase() };
  if (/^[A-Za-z0-9-]{4,16}$/.test(v) && /\d/.test(v)) return { kind: 'code', value: v.toUpperCase() };
  return { kind: 'handle', value: v };
}

const HANDLE_KINDS = new Set(['telegram', 'wechat', 'weibo', 'x']);

export async function verifyValue(
  db: Db,
  raw: string,
  lookupCode: VerificationCodeLookup | null,
): Promise<Verdict> {
  const registry = (await db.select().from(officialChannels)).map(
    ({ kind, value, name, note }): OfficialRef => ({ kind, value, name, note }),
  );
  const { kind, value } = classify(raw);
  switch (kind) {
    case 'url':
    case 'domain': {
      let host = value;
      if (kind === 'url') {
        try {
          host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`).hostname;
        } catch {
          return unknown(kind, reasons.unreadable());
        }
      }
      return checkHost(kind, host, registry);
    }
    case 'email':
      return checkEmail(value, registry);
    case 'phone': {
      const phones = registry.filter((c) => c.kind === 'phone');
      const exact = phones.find((c) => c.value === value);
      if (exact)
        return { verdict: 'official', kind, official: exact, reason: reasons.officialChannel(exact) };
      const near = phones.find((c) => phoneLookalike(value, c.value));
      if (near) return { verdict: 'lookalike', kind, official: near, reason: reasons.phoneLookalike(near) };
      return unknown(kind, reasons.notListed());
    }
    case 'handle': {
      const handles = registry.filter((c) => HANDLE_KINDS.has(c.kind));
      const exact = handles.find((c) => c.value === value.toLowerCase());
      if (exact)
        return { verdict: 'official', kind, official: exact, reason: reasons.officialChannel(exact) };
      const brand = brandOf(registry);
      const near = handles.find((c) => handleLookalike(value, c.value, brand));
      if (near) return { verdict: 'lookalike', kind, official: near, reason: reasons.handleLookalike(near) };
      if (brand.some((t) => skeleton(value).includes(t)))
        return { verdict: 'lookalike', kind, official: null, reason: reasons.brandInName() };
      return unknown(kind, reasons.notListed());
    }
    case 'code': {
      const found = lookupCode ? await lookupCode(db, value) : null;
      if (found)
        return {
          verdict: 'official',
          kind,
          official: null,
          reason: reasons.codeFound(found.sentAt),
          code: {
            sentTo: hideAddress(found.sentTo),
            sentAt: found.sentAt.toISOString(),
            ticketNumber: found.ticketNumber,
          },
        };
      return unknown(kind, lookupCode ? reasons.codeNotFound() : reasons.codesUnavailable());
    }
  }
}

function checkHost(kind: ValueKind, host: string, registry: OfficialRef[]): Verdict {
  const parts = hostParts(host);
  if (!parts) return unknown(kind, reasons.unreadable());
  const domains = registry.filter((c) => c.kind === 'domain');
  const exact = domains.find((c) => parts.hostname === c.value || parts.hostname.endsWith(`.${c.value}`));
  if (exact)
    return {
      verdict: 'official',
      kind,
      official: exact,
      reason: reasons.officialDomain(exact, parts.hostname),
    };
  const hit = lookalikeOf(parts, domains);
  if (hit)
    return {
      verdict: 'lookalike',
      kind,
      official: hit.official,
      reason: reasons.domainLookalike(hit.official, hit.why, parts),
    };
  return unknown(kind, reasons.notListed());
}

function lookalikeOf(
  parts: HostParts,
  domains: OfficialRef[],
): { official: OfficialRef; why: LookalikeWhy } | null {
  for (const official of domains) {
    const o = hostParts(official.value);
    const why = o && domainLookalike(parts, o);
    if (why) return { official, why };
  }
  return null;
}

function checkEmail(value: string, registry: OfficialRef[]): Verdict {
  const exact = registry.find((c) => c.kind === 'email' && c.value === value);
  if (exact)
    return { verdict: 'official', kind: 'email', official: exact, reason: reasons.officialChannel(exact) };
  const [local = '', domain = ''] = value.split('@');
  const host = checkHost('email', domain, registry);
  if (host.verdict === 'official') return { ...host, reason: reasons.officialEmailDomain(host.official!) };
  if (host.verdict === 'lookalike') return host;
  if (brandOf(registry).some((t) => skeleton(local).includes(t)))
    return { verdict: 'lookalike', kind: 'email', official: null, reason: reasons.brandInMailbox(domain) };
  return unknown('email', reasons.notListed());
}

/** The brand's distinctive words, from the official domains' names. */
function brandOf(registry: OfficialRef[]): string[] {
  const labels = registry
    .filter((c) => c.kind === 'domain')
    .map((c) => hostParts(c.value)?.label)
    .filter((l): l is string => Boolean(l));
  return [...new Set(labels.flatMap(brandTokens))];
}

function unknown(kind: ValueKind, reason: Reason): Verdict {
  return { verdict: 'unknown', kind, official: null, reason };
}

function hideAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}
