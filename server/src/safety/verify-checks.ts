import {
  asciiLower,
  distance,
  domainLookalike,
  type HostParts,
  hostParts,
  type LookalikeWhy,
  nameLookalike,
  phoneLookalike,
  phoneNumber,
  skeleton,
} from './lookalike.ts';
import { type Reason, reasons } from './verify-reasons.ts';

/** The checks of one kind of value each: a host (domain or link), a mailbox, a phone number. */

export type ValueKind = 'domain' | 'url' | 'email' | 'phone' | 'handle' | 'code';

export interface OfficialRef {
  kind: string;
  value: string;
  name: string;
  note: string;
}

export interface Verdict {
  /** "unknown" is "not one of ours": not listed, and imitating nothing that is. */
  verdict: 'official' | 'lookalike' | 'unknown';
  kind: ValueKind;
  official: OfficialRef | null;
  reason: Reason;
  /** For a code: where and when we sent it (the address partly hidden). */
  code?: { sentTo: string; sentAt: string; ticketNumber: string | null };
}

const lookalike = (kind: ValueKind, official: OfficialRef | null, reason: Reason): Verdict => ({
  verdict: 'lookalike',
  kind,
  official,
  reason,
});
const unknown = (kind: ValueKind, reason: Reason): Verdict => ({
  verdict: 'unknown',
  kind,
  official: null,
  reason,
});

/**
 * A host is official only when it is listed itself. Another name under one of our domains is not
 * ours to vouch for ("not one of ours"), and a look-alike when it imitates a listed one.
 */
export function checkHost(kind: ValueKind, host: string, registry: OfficialRef[]): Verdict {
  const domains = registry.filter((c) => c.kind === 'domain');
  const parts = hostParts(host);
  if (!parts) return looseHost(kind, host, domains);
  const exact = domains.find((c) => parts.hostname === c.value);
  if (exact)
    return {
      verdict: 'official',
      kind,
      official: exact,
      reason: reasons.officialDomain(exact, parts.hostname),
    };
  const ours = domains.filter((c) => hostParts(c.value)?.domain === parts.domain);
  if (ours.length > 0) {
    const imitated = imitatedHost(parts, ours, domains);
    if (imitated) return lookalike(kind, imitated, reasons.subdomainLookalike(imitated, parts));
    return unknown(kind, reasons.notOurHost(parts, ours[0]!));
  }
  for (const official of domains) {
    const o = hostParts(official.value);
    const why: LookalikeWhy | null = o && domainLookalike(parts, o);
    if (why) return lookalike(kind, official, reasons.domainLookalike(official, why, parts));
  }
  return unknown(kind, reasons.notListed());
}

/** Which listed host an unlisted name under our domain imitates ("he1p.", "help.help.", "lumen-exchange."). */
function imitatedHost(parts: HostParts, ours: OfficialRef[], domains: OfficialRef[]): OfficialRef | null {
  const labels = parts.subdomain.split('.').filter(Boolean);
  for (const official of ours) {
    const o = hostParts(official.value);
    const listed = o?.subdomain.split('.').filter(Boolean) ?? [];
    if (listed.some((l) => labels.some((c) => nameLookalike(c, l)))) return official;
  }
  // Our own domain's name again in front of it ("lumen-exchange.lumen-exchange.example").
  const sub = skeleton(parts.subdomain);
  for (const official of domains) {
    const label = hostParts(official.value)?.label;
    if (label && sub.includes(skeleton(label))) return official;
  }
  // Letters from another script under our domain: never a name of ours.
  if (/[^\x20-\x7e]/.test(parts.subdomain)) return ours[0]!;
  return null;
}

/** A name no URL parser accepts ("lumen-exchange-.example"): a look-alike when it spells ours nearly. */
function looseHost(kind: ValueKind, host: string, domains: OfficialRef[]): Verdict {
  const s = skeleton(host);
  for (const official of domains) {
    const o = skeleton(official.value);
    if (o.length >= 5 && (s === o || distance(s, o) <= 2 || s.includes(o)))
      return lookalike(kind, official, reasons.malformedLookalike(official));
  }
  return unknown(kind, reasons.unreadable());
}

/**
 * A mailbox is official only when it is listed. Another address at our domain is not ours to vouch
 * for, and a look-alike when its name imitates a listed mailbox ("supp0rt@", "support-team@",
 * "no-reply@") or a listed name sits on another host of ours.
 */
export function checkEmail(raw: string, registry: OfficialRef[], brand: string[]): Verdict {
  const value = asciiLower(raw);
  const mailboxes = registry.filter((c) => c.kind === 'email');
  const exact = mailboxes.find((c) => c.value === value);
  if (exact)
    return { verdict: 'official', kind: 'email', official: exact, reason: reasons.officialChannel(exact) };
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const host = checkHost('email', domain, registry);
  const parts = hostParts(domain);
  const ourDomain =
    host.verdict === 'official' ||
    (parts !== null &&
      registry.some((c) => c.kind === 'domain' && hostParts(c.value)?.domain === parts.domain));
  if (ourDomain) {
    const near = mailboxes.find((m) => nameLookalike(local, m.value.slice(0, m.value.lastIndexOf('@'))));
    if (near) return lookalike('email', near, reasons.mailboxLookalike(near));
    if (host.verdict === 'lookalike') return host;
    if (brand.some((t) => skeleton(local).includes(t)))
      return lookalike('email', null, reasons.brandInMailbox(domain));
    return unknown('email', reasons.notOurMailbox(domain));
  }
  if (host.verdict === 'lookalike') return host;
  if (brand.some((t) => skeleton(local).includes(t)))
    return lookalike('email', null, reasons.brandInMailbox(domain));
  return unknown('email', reasons.notListed());
}

/** The same number however it is written; a digit or two off, or another country code, is a look-alike. */
export function checkPhone(raw: string, registry: OfficialRef[]): Verdict {
  const phone = phoneNumber(raw);
  if (!phone) return unknown('phone', reasons.unreadable());
  const phones = registry.filter((c) => c.kind === 'phone');
  const digitsOf = (c: OfficialRef) => c.value.replace(/\D/g, '');
  if (phone.international) {
    const exact = phones.find((c) => digitsOf(c) === phone.digits);
    if (exact)
      return { verdict: 'official', kind: 'phone', official: exact, reason: reasons.officialChannel(exact) };
  } else {
    // Written without a country code: ours if it is one of our numbers as dialled in its country
    // (with or without the trunk 0), and the reason gives the whole number.
    const national = phone.digits.replace(/^0/, '');
    const exact = phones.find((c) => {
      const d = digitsOf(c);
      return national.length >= 7 && d.endsWith(national) && d.length - national.length <= 3;
    });
    if (exact)
      return { verdict: 'official', kind: 'phone', official: exact, reason: reasons.officialNational(exact) };
  }
  const near = phones.find((c) => phoneLookalike(phone.digits, c.value));
  if (near) return lookalike('phone', near, reasons.phoneLookalike(near));
  return unknown('phone', reasons.notListed());
}
