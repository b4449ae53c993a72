import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import unhomoglyph from 'unhomoglyph';

/**
 * How two names can be made to look alike. The skeleton is UTS #39's (Unicode's confusables
 * table, via unhomoglyph): Cyrillic "е" and Latin "e", "rn" and "m", "1" and "l", "0" and "O" get
 * the same skeleton. Full-width forms are folded first (NFKC).
 */
export function skeleton(value: string, { caseSensitive = false } = {}): string {
  const v = caseSensitive ? value : value.toLowerCase();
  return unhomoglyph(v.normalize('NFKC'))
    .toLowerCase()
    .replace(/[-_.\s]/g, '');
}

/** Only ASCII letters are folded: any other difference makes a different string (never ours). */
export const asciiLower = (value: string) => value.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Edits between two names, a swap of two neighbouring letters counting as one (optimal string
 * alignment): "lmuen" is one edit from "lumen", as a reader sees it, not two.
 */
export function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/** Words that say nothing about whose a name is: they are what scammers add to ours. */
const GENERIC = new Set([
  'exchange',
  'support',
  'help',
  'helpdesk',
  'service',
  'services',
  'official',
  'team',
  'care',
  'customer',
  'verify',
  'verification',
  'secure',
  'security',
  'login',
  'signin',
  'account',
  'wallet',
  'app',
  'online',
  'global',
  'pro',
  'web',
  'www',
  'mail',
  'info',
  'center',
  'centre',
  'desk',
  'kefu',
  'crypto',
  'bot',
]);

/** The distinctive parts of a brand's name: "lumen-exchange" gives ["lumen", "lumenexchange"]. */
export function brandTokens(label: string): string[] {
  const parts = label
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((p) => p.length >= 4 && !GENERIC.has(p));
  return [...new Set([...parts.map((p) => skeleton(p)), skeleton(label)])].filter((t) => t.length >= 4);
}

export interface HostParts {
  hostname: string;
  /** The hostname as people see it (IDN decoded). */
  display: string;
  domain: string;
  label: string;
  subdomain: string;
  punycode: boolean;
}

export function hostParts(host: string): HostParts | null {
  const ascii = host.trim().toLowerCase().replace(/\.$/, '');
  let hostname = ascii;
  if ([...ascii].some((ch) => ch.charCodeAt(0) > 0x7f)) {
    try {
      hostname = new URL(`http://${ascii}/`).hostname;
    } catch {
      return null;
    }
  }
  const p = parse(hostname);
  if (!p.hostname || !p.domain || p.isIp) return null;
  const display = domainToUnicode(p.hostname) || p.hostname;
  const unicodeDomain = domainToUnicode(p.domain) || p.domain;
  const unicodeSuffix = domainToUnicode(p.publicSuffix ?? '') || (p.publicSuffix ?? '');
  return {
    hostname: p.hostname,
    display,
    domain: p.domain,
    // The suffix in the same writing as the domain: a punycode suffix ("xn--exampl-nye") is longer
    // than its Unicode form ("examplε"), and cutting by its length left "lumεn-e" as the name.
    label: unicodeDomain.slice(0, unicodeDomain.length - unicodeSuffix.length - 1),
    subdomain: domainToUnicode(p.subdomain ?? '') || (p.subdomain ?? ''),
    punycode: /(^|\.)xn--/.test(p.hostname),
  };
}

export type LookalikeWhy = 'confusable' | 'other_suffix' | 'typo' | 'combo' | 'subdomain';

/** Why `candidate` imitates the official domain, or null if it does not. */
export function domainLookalike(candidate: HostParts, official: HostParts): LookalikeWhy | null {
  const c = skeleton(candidate.label);
  const o = skeleton(official.label);
  if (candidate.label === official.label) return 'other_suffix';
  if (c === o) return 'confusable';
  if (o.length >= 5 && distance(c, o) <= (o.length >= 10 ? 2 : 1)) return 'typo';
  const tokens = brandTokens(official.label);
  if (tokens.some((t) => c.includes(t))) return 'combo';
  const sub = skeleton(candidate.subdomain);
  if (sub && tokens.some((t) => sub.includes(t))) return 'subdomain';
  return null;
}

/** Whether a handle imitates an official one: same skeleton, a small edit, or the brand plus decoration. */
export function handleLookalike(candidate: string, official: string, brand: string[]): boolean {
  const c = skeleton(candidate, { caseSensitive: true });
  const o = skeleton(official, { caseSensitive: true });
  if (c === o) return true;
  if (o.length >= 5 && distance(c, o) <= 2) return true;
  if (o.length >= 5 && c.includes(o)) return true;
  return brand.some((t) => c.includes(t));
}

/**
 * Whether a name imitates one of ours that sits in the same place: a mailbox's name ("supp0rt",
 * "support-team", "no-reply" for support and noreply) or a subdomain's label ("he1p", "help1" for
 * help). A name that is merely different ("press", "status") does not.
 */
export function nameLookalike(candidate: string, official: string): boolean {
  const c = skeleton(candidate);
  const o = skeleton(official);
  if (c.length === 0 || o.length < 3) return false;
  if (c === o || c.includes(o)) return true;
  return o.length >= 4 && distance(c, o) <= (o.length >= 6 ? 2 : 1);
}

export interface PhoneNumber {
  digits: string;
  /** Written with its country code (+, 00, or a bracketed code); otherwise a national number. */
  international: boolean;
}

/**
 * A phone number as written, in digits: "+86 …", "0086 …", "(+86) …", "(86) 138…", with spaces,
 * dashes, dots and brackets anywhere. A bracketed group at the start is a country code when it
 * has a "+" or is followed by a whole number ("(65) 3100-0001"), not an area code ("(202) 555-0101").
 */
export function phoneNumber(raw: string): PhoneNumber | null {
  const v = raw.trim();
  let international = false;
  let rest = v;
  const bracket = /^\(\s*(\+)?\s*(\d{1,4})\s*\)\s*(.*)$/.exec(v);
  if (bracket) {
    const after = bracket[3]!.replace(/\D/g, '');
    if (bracket[1] || (!bracket[2]!.startsWith('0') && bracket[2]!.length <= 3 && after.length >= 8)) {
      international = true;
      rest = `${bracket[2]}${bracket[3]}`;
    }
  } else if (v.startsWith('+')) {
    international = true;
    rest = v.slice(1);
  } else if (v.startsWith('00')) {
    international = true;
    rest = v.slice(2);
  }
  if (!/^[\d\s\-.()/]+$/.test(rest)) return null;
  const digits = rest.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return null;
  return { digits, international };
}

/** Phone numbers (international digits) that differ in a digit or two, or only in the country code. */
export function phoneLookalike(candidate: string, official: string): boolean {
  const c = candidate.replace(/\D/g, '');
  const o = official.replace(/\D/g, '');
  if (c.length >= 8 && o.length >= 8 && c.slice(-8) === o.slice(-8)) return true;
  return o.length >= 7 && c.length >= 7 && distance(c, o) <= 2;
}
