import { eq } from 'drizzle-orm';
import { hotlines } from '../contact/schema.ts';
import type { Db } from '../db/client.ts';
import { asciiLower, brandTokens, handleLookalike, hostParts, phoneNumber, skeleton } from './lookalike.ts';
import { officialChannels } from './schema.ts';
import { checkEmail, checkHost, checkPhone, type OfficialRef, type Verdict } from './verify-checks.ts';
import { reasons } from './verify-reasons.ts';

export type { OfficialRef, ValueKind, Verdict } from './verify-checks.ts';

/**
 * Is this really ours? Answers for a domain, a URL, an email address, a phone number, a @handle
 * or a code from one of our emails, against the registry of official channels and the hotlines.
 *
 * Only what is listed is official: a listed host (not every name under our domain), a listed
 * mailbox (not every address at our domain), a listed number or handle. And only when it is
 * written as listed, up to ASCII case: a value that needs any other folding to match (full-width
 * forms, look-alike letters from other scripts) is a look-alike, never "official".
 */

/**
 * Looks up a verification code printed in an outbound email (the email capability stores them).
 * Pluggable: `buildVerifier` gets it at wiring time; without one, codes are answered "unknown".
 */
export type VerificationCodeLookup = (
  db: Db,
  code: string,
) => Promise<{ sentTo: string; sentAt: Date; ticketNumber: string | null } | null>;

/** Where a handle lives, when the value says (a t.me or x.com link). */
export type Platform = 'telegram' | 'x' | 'weibo';

export type Classified =
  | { kind: 'domain' | 'url' | 'email' | 'phone' | 'code'; value: string }
  | { kind: 'handle'; value: string; platform?: Platform };

const PLATFORM_HOSTS: Record<string, Platform> = {
  't.me': 'telegram',
  'telegram.me': 'telegram',
  'x.com': 'x',
  'twitter.com': 'x',
  'weibo.com': 'weibo',
};

export function classify(raw: string): Classified {
  const v = raw.trim();
  const social = /^(?:https?:\/\/)?(?:www\.|mobile\.|m\.)?([a-z.]+)\/@?([\w.\p{L}-]+)\/?(?:[?#]\S*)?$/iu.exec(
    v,
  );
  const platform = social ? PLATFORM_HOSTS[social[1]!.toLowerCase()] : undefined;
  if (social && platform) return { kind: 'handle', value: social[2]!, platform };
  if (v.startsWith('@')) return { kind: 'handle', value: v.slice(1) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^[^\s/@]+\.[^\s/@]+\/\S*$/.test(v))
    return { kind: 'url', value: v };
  if (/^(?:mailto:)?[^\s@:]+@[^\s@]+\.[^\s@]+$/i.test(v))
    return { kind: 'email', value: v.replace(/^mailto:/i, '') };
  if (/^[+(\d][\d\s\-().+/]*$/.test(v)) {
    const phone = phoneNumber(v);
    if (phone && (phone.international || phone.digits.length >= 5)) return { kind: 'phone', value: v };
  }
  if (/^\S+\.\S+$/.test(v) && !/^\d+(\.\d+)*$/.test(v)) return { kind: 'domain', value: v };
  // Our codes: 8 letters and digits, often as 4-4 ("7QMX-4KPA").
  if (/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/.test(v) && /\d/.test(v))
    return { kind: 'code', value: v.toUpperCase() };
  return { kind: 'handle', value: v };
}

const HANDLE_KINDS = new Set(['telegram', 'wechat', 'weibo', 'x']);

/** The registry plus the hotline directory: both are where we tell customers how to reach us. */
async function officialRegistry(db: Db): Promise<OfficialRef[]> {
  const listed = (await db.select().from(officialChannels)).map(
    ({ kind, value, name, note }): OfficialRef => ({ kind, value, name, note }),
  );
  const lines = await db
    .select({ region: hotlines.region, number: hotlines.number })
    .from(hotlines)
    .where(eq(hotlines.active, true));
  for (const h of lines) {
    const phone = phoneNumber(h.number);
    if (!phone) continue;
    const value = `+${phone.digits}`;
    if (!listed.some((c) => c.kind === 'phone' && c.value === value))
      listed.push({ kind: 'phone', value, name: `客服热线 ${h.region} hotline`, note: '' });
  }
  return listed;
}

export async function verifyValue(
  db: Db,
  raw: string,
  lookupCode: VerificationCodeLookup | null,
): Promise<Verdict> {
  const registry = await officialRegistry(db);
  const written = raw.trim();
  // Checked as a browser or a mail client would read it (full-width "ｌ" is "l"), but official
  // only when it is written exactly as listed: printable ASCII, case aside.
  const folded = written.normalize('NFKC');
  const verdict = await check(db, folded, registry, lookupCode);
  if (verdict.verdict === 'official' && verdict.kind !== 'code' && !/^[\x20-\x7e]*$/.test(written))
    return {
      verdict: 'lookalike',
      kind: verdict.kind,
      official: verdict.official,
      reason: reasons.disguised(verdict.official?.value ?? folded),
    };
  return verdict;
}

async function check(
  db: Db,
  raw: string,
  registry: OfficialRef[],
  lookupCode: VerificationCodeLookup | null,
): Promise<Verdict> {
  const c = classify(raw);
  switch (c.kind) {
    case 'url': {
      let url: URL;
      try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(c.value) ? c.value : `http://${c.value}`);
      } catch {
        return unknown('url', reasons.unreadable());
      }
      const host = checkHost('url', url.hostname, registry);
      if (host.verdict !== 'unknown') return host;
      // Our name where people read it but the browser ignores it: before an "@"
      // ("https://lumen-exchange.example@evil.io/") or our whole domain in the path.
      const disguise = `${decoded(url.username)} ${decoded(url.pathname)}`;
      const brand = brandOf(registry);
      const named = registry.find(
        (o) => o.kind === 'domain' && skeleton(disguise).includes(skeleton(o.value)),
      );
      if (named || (url.username && brand.some((t) => skeleton(url.username).includes(t))))
        return {
          verdict: 'lookalike',
          kind: 'url',
          official: named ?? null,
          reason: reasons.nameInLink(url.hostname),
        };
      return host;
    }
    case 'domain':
      return checkHost('domain', c.value, registry);
    case 'email':
      return checkEmail(c.value, registry, brandOf(registry));
    case 'phone':
      return checkPhone(c.value, registry);
    case 'handle':
      return checkHandle(c.value, c.platform, registry);
    case 'code': {
      const found = lookupCode ? await lookupCode(db, c.value) : null;
      if (found)
        return {
          verdict: 'official',
          kind: 'code',
          official: null,
          reason: reasons.codeFound(found.sentAt),
          code: {
            sentTo: hideAddress(found.sentTo),
            sentAt: found.sentAt.toISOString(),
            ticketNumber: found.ticketNumber,
          },
        };
      // Not one of our codes; it may still be a name ("Lumen2024"): say so if it imitates ours.
      const asHandle = checkHandle(raw, undefined, registry);
      if (asHandle.verdict !== 'unknown') return asHandle;
      return unknown('code', lookupCode ? reasons.codeNotFound() : reasons.codesUnavailable());
    }
  }
}

function checkHandle(value: string, platform: Platform | undefined, registry: OfficialRef[]): Verdict {
  const handles = registry.filter((c) => HANDLE_KINDS.has(c.kind));
  const name = asciiLower(value);
  const exact = handles.find((c) => c.value === name && (!platform || c.kind === platform));
  if (exact)
    return { verdict: 'official', kind: 'handle', official: exact, reason: reasons.officialChannel(exact) };
  // Our name on a platform where we do not use it is somebody else's account.
  const elsewhere = handles.find((c) => c.value === name);
  if (elsewhere)
    return {
      verdict: 'lookalike',
      kind: 'handle',
      official: elsewhere,
      reason: reasons.otherPlatform(elsewhere, platform!),
    };
  const brand = brandOf(registry);
  const near = handles.find((c) => handleLookalike(value, c.value, brand));
  if (near)
    return { verdict: 'lookalike', kind: 'handle', official: near, reason: reasons.handleLookalike(near) };
  if (brand.some((t) => skeleton(value).includes(t)))
    return { verdict: 'lookalike', kind: 'handle', official: null, reason: reasons.brandInName() };
  return unknown('handle', reasons.notListed());
}

/** The brand's distinctive words, from the official domains' names. */
function brandOf(registry: OfficialRef[]): string[] {
  const labels = registry
    .filter((c) => c.kind === 'domain')
    .map((c) => hostParts(c.value)?.label)
    .filter((l): l is string => Boolean(l));
  return [...new Set(labels.flatMap(brandTokens))];
}

function unknown(kind: Verdict['kind'], reason: Verdict['reason']): Verdict {
  return { verdict: 'unknown', kind, official: null, reason };
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function hideAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}
