import { validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';

export const ENGLISH_WORDS: ReadonlySet<string> = new Set(english);
export const CHINESE_CHARS: ReadonlySet<string> = new Set([...simplified, ...traditional]);

/**
 * The Chinese lists are ordered by how common a character is. A phrase is a uniform draw (its
 * median rank is near 1000); a sentence leans on the commonest few hundred (的, 我, 了, 把 …).
 */
const CHINESE_RANK = new Map<string, number>();
for (const list of [simplified, traditional]) {
  list.forEach((c, i) => {
    CHINESE_RANK.set(c, Math.min(i, CHINESE_RANK.get(c) ?? i));
  });
}
export function medianChineseRank(chars: string[]): number {
  const ranks = chars.map((c) => CHINESE_RANK.get(c) ?? 2048).sort((a, b) => a - b);
  return ranks.length ? ranks[Math.floor(ranks.length / 2)]! : 0;
}
/** Below this median rank, a run of list characters reads as ordinary text. */
export const PROSE_MEDIAN_RANK = 250;

/**
 * How many of the characters are among the most frequent of the list (的, 是, 了, 我, 您 …): a phrase
 * of random list characters holds one in 12 at most by chance (50 of 2,048); prose holds several
 * (round 18, dev21: "我朋友填了没算上您给查查" is checksum-valid by chance, 1 in 16 for 12 characters).
 */
export const COMMON_CHINESE_RANK = 50;
export function commonChineseCount(chars: string[]): number {
  return chars.filter((c) => (CHINESE_RANK.get(c) ?? 2048) < COMMON_CHINESE_RANK).length;
}

/** BIP39 words are unique in their first four letters: a prefix identifies a word despite a typo after it. */
const BY_PREFIX = new Map(english.map((w) => [w.slice(0, 4), w]));

/** The English BIP39 word a token is, or plausibly was meant to be (one typo), or null. */
export function englishWordFor(token: string): { word: string; exact: boolean } | null {
  const t = token.toLowerCase();
  if (ENGLISH_WORDS.has(t)) return { word: t, exact: true };
  if (t.length < 4 || t.length > 9) return null;
  const known = NEAR_WORDS.get(t);
  if (known !== undefined) return known;
  const near = nearEnglishWord(t);
  // Bounded: customers' words are few and repeat, but a flood of random tokens must not grow it.
  if (NEAR_WORDS.size >= 20_000) NEAR_WORDS.clear();
  NEAR_WORDS.set(t, near);
  return near;
}

/**
 * What nearEnglishWord said for a token: most words of ordinary messages are not on the list and
 * each costs a comparison with a hundred list words, for every message that has them.
 */
const NEAR_WORDS = new Map<string, { word: string; exact: false } | null>();

function nearEnglishWord(t: string): { word: string; exact: false } | null {
  // A key pressed twice ("ccar", "saay", "illl"): also for the three-letter words the rest skips.
  for (let i = 0; i + 1 < t.length; i++) {
    if (t[i] !== t[i + 1]) continue;
    const once = t.slice(0, i) + t.slice(i + 1);
    if (ENGLISH_WORDS.has(once)) return { word: once, exact: false };
  }
  const byPrefix = BY_PREFIX.get(t.slice(0, 4));
  if (byPrefix && withinOneEdit(t, byPrefix)) return { word: byPrefix, exact: false };
  // A typo inside the first four letters: compare with the words sharing the first letter.
  for (const w of BY_INITIAL.get(t[0]!) ?? []) {
    if (withinOneEdit(t, w) || isTransposition(t, w)) return { word: w, exact: false };
  }
  return null;
}

const BY_INITIAL = Map.groupBy(
  english.filter((w) => w.length >= 4),
  (w) => w[0]!,
);

/** Two neighbouring letters swapped ("abuot" for "about"). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    a[diff[0]!] === b[diff[1]!] &&
    a[diff[1]!] === b[diff[0]!]
  );
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

const VALID_LENGTHS = new Set([12, 15, 18, 21, 24]);

/** Whether the words form a complete phrase with a valid BIP39 checksum in any of our wordlists. */
export function hasValidChecksum(words: string[]): boolean {
  if (!VALID_LENGTHS.has(words.length)) return false;
  const isChinese = words.every((w) => CHINESE_CHARS.has(w));
  const lists = isChinese ? [simplified, traditional] : [english];
  const phrase = words.join(' ');
  return lists.some((list) => validateMnemonic(phrase, list));
}
