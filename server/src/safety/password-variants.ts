import { matchesIn } from '../platform/matches-in.ts';
import type { Finding } from './findings.ts';

/**
 * Other spellings of a password already found (round 19, dev23): "pass is StethoScope#19, phone may
 * have autocorrected the capital S, so maybe try stethoScope#19 as well", "可能係 Kwuntong_7 或者
 * Kwuntong_77". A word elsewhere in the message that is the found password with its case changed, or
 * with one or two characters added, dropped or changed, is a spelling of it: the customer is listing
 * what they may have typed. It must have the found one's shape (digits where it has digits) and be
 * six characters or more, so a username that is the password's word alone ("Kwuntong") stays visible.
 */
const TOKEN = /[^\s"'“”‘’「」『』()（）[\]【】<>,，。;；、!！?？]+/gu;
const MIN_LENGTH = 6;
const MAX_EDITS = 2;

export function passwordVariants(text: string, findings: Finding[]): Finding[] {
  const found = findings
    .filter((f) => f.kind === 'password')
    .map((f) => text.slice(f.start, f.end))
    .filter((v) => v.length >= MIN_LENGTH && !/\s/.test(v));
  if (found.length === 0 && !findings.some((f) => f.kind === 'password')) return [];
  const out: Finding[] = [];
  const taken = (start: number, end: number) => findings.some((f) => f.start < end && start < f.end);
  // Each token with a trailing stop or colon taken off: "Kwuntong_77." is "Kwuntong_77".
  const tokens = matchesIn(text, TOKEN).map((m) => ({
    start: m.index,
    rawEnd: m.index + m[0].length,
    word: m[0].replace(/[.:]+$/, ''),
  }));
  // A spelled password's letters written together ("Foxtrot, India, Romeo, Echo, 1, 1, 9，就是 fire119",
  // set 41): the token that is the spelling's letters and digits is the password too.
  const collapsed = new Set(
    findings
      .filter((f) => f.kind === 'password')
      .map((f) => collapseSpelling(text.slice(f.start, f.end)))
      .filter((v): v is string => v !== null),
  );
  for (const { start, word } of tokens) {
    const end = start + word.length;
    if (collapsed.has(word.toLowerCase()) && !taken(start, end)) out.push({ kind: 'password', start, end });
  }
  if (found.length === 0) return out;
  // The found one split by one space, as an autocorrect or a voice keyboard writes it ("I typed
  // Pinecone77 and it went into the box as Pine cone77", round 29): two tokens that joined are it.
  const foundLower = new Set(found.map((v) => v.toLowerCase()));
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k]!;
    const b = tokens[k + 1]!;
    const end = b.start + b.word.length;
    if (text.slice(a.rawEnd, b.start) !== ' ') continue;
    const joined = text.slice(a.start, a.rawEnd) + b.word;
    if (joined.length < MIN_LENGTH || taken(a.start, end)) continue;
    if (foundLower.has(joined.toLowerCase())) out.push({ kind: 'password', start: a.start, end });
  }
  for (const { start, word } of tokens) {
    if (word.length < MIN_LENGTH) continue;
    const end = start + word.length;
    if (taken(start, end)) continue;
    if (
      found.some(
        (v) =>
          sameShape(v, word) && editDistance(v.toLowerCase(), word.toLowerCase(), MAX_EDITS) <= MAX_EDITS,
      )
    )
      out.push({ kind: 'password', start, end });
  }
  return out;
}

/** Digits where the found one has digits, signs where it has signs, letters where it has letters. */
function sameShape(a: string, b: string): boolean {
  const shape = (s: string) => [/\d/.test(s), /[A-Za-z]/.test(s), /[^A-Za-z0-9]/.test(s)].join();
  return shape(a) === shape(b) && a !== b;
}

/** Levenshtein distance, stopping once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * A spelling's letters and digits together, lower-cased: "Foxtrot, India, Romeo, Echo, 1, 1, 9" →
 * "fire119", "H for Havana, A for Athens, 7" → "ha7". Each item must be a single letter or digit, a
 * letter said for a word ("H for Havana") or a capitalised word standing for its first letter; else
 * null (a phrase, a case word, a sign name).
 */
function collapseSpelling(value: string): string | null {
  const items = value
    .replace(/\b([A-Za-z])\s+(?:for|as\s+in)\s+[A-Za-z][a-z]+\b/g, '$1')
    .split(/[\s,，、]+/)
    .filter(Boolean);
  if (items.length < 4) return null;
  let out = '';
  for (const item of items) {
    if (/^[A-Za-z0-9]$/.test(item) || /^\d+$/.test(item)) out += item;
    else if (/^[A-Z][a-z]+(?:-[A-Za-z]+)?$/.test(item)) out += item[0];
    else return null;
  }
  return out.length >= MIN_LENGTH ? out.toLowerCase() : null;
}
