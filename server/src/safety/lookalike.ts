import { domainToUnicode } from 'node:url';
import { distance } from 'fastest-levenshtein';
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
  return {
    hostname: p.hostname,
    display,
    domain: p.domain,
    label: unicodeDomain.slice(0, unicodeDomain.length - (p.publicSuffix?.length ?? 0) - 1),
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
  return brand.some((t) => c.includes(t));
}

/** Phone numbers that differ in a digit or two, or only in the country code. */
export function phoneLookalike(candidate: string, official: string): boolean {
  const c = candidate.replace(/\D/g, '');
  const o = official.replace(/\D/g, '');
  if (c.length >= 8 && o.length >= 8 && c.slice(-8) === o.slice(-8)) return true;
  return o.length >= 7 && distance(c, o) <= 2;
}
