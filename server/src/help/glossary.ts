import pinyin from 'tiny-pinyin';
import { distance } from '../safety/lookalike.ts';
import { GLOSSARY } from './glossary-terms.ts';
import { type PreparedGroups, type PreparedSynonym, prepareSynonyms } from './synonyms.ts';
import { isWord } from './text.ts';

/** Query translation through the term table in glossary-terms.ts (typo-tolerant look-ups). */

let prepared: PreparedGroups | null = null;
let latinWords: string[] = [];

function table(): PreparedGroups {
  if (!prepared) {
    prepared = prepareSynonyms(GLOSSARY);
    latinWords = [...new Set(prepared.flat().flatMap((t) => (t.han ? [] : t.tokens.words)))].filter((w) =>
      /^[a-z]{5,}$/.test(w),
    );
  }
  return prepared;
}

/** The table's word a misspelt Latin word means ("withdrawl", "pasword"), if one is close enough. */
function nearestWord(word: string): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  const allowed = word.length >= 8 ? 2 : 1;
  for (const w of latinWords) {
    if (Math.abs(w.length - word.length) > allowed) continue;
    const d = distance(word, w);
    if (d <= allowed && d < bestD) {
      best = w;
      bestD = d;
    }
  }
  return best;
}

/** A character's reading without tone ("结", "节", "洁" → JIE), remembered: a query has a few dozen. */
const READINGS = new Map<string, string>();
function reading(ch: string): string {
  let r = READINGS.get(ch);
  if (r === undefined) {
    if (READINGS.size >= 20_000) READINGS.clear();
    r = pinyin.convertToPinyin(ch);
    READINGS.set(ch, r);
  }
  return r;
}

// The readings come from ICU's Chinese collation: a Node built without it has no typos by sound.
const readingsKnown = pinyin.isSupported();

/**
 * Whether two characters sound alike: a pinyin input method offers every character of a
 * syllable, so the commonest Chinese typo is a wrong one of the same reading (冻节 for 冻结,
 * 提线 for 提现, 撤淡 for 撤单), whatever the tone.
 */
const soundAlike = (a: string, b: string) =>
  readingsKnown && /\p{Script=Han}/u.test(a) && reading(a) === reading(b);

/** Negations said either way (未通过, 没通过, 不通过): the table need not list every one. */
const NEGATION = new Set(['不', '没', '未', '无']);
const bothNegations = (a: string, b: string) => NEGATION.has(a) && NEGATION.has(b);

/**
 * Whether a Chinese term is in the query, or with one character mistyped: any character of the
 * same reading; for terms of 3+ characters also any other character (实明认证), but for three
 * only the middle one ("值不到" is not "收不到"). A two-character window is taken for a mistyped
 * term only when it is no word of its own (如今 is a word, not 入金 mistyped).
 */
function hanInQuery(term: string, query: string): 'exact' | 'near' | null {
  if (query.includes(term)) return 'exact';
  const t = [...term];
  if (t.length < 2) return null;
  const middleOnly = t.length === 3;
  const q = [...query];
  for (let i = 0; i + t.length <= q.length; i++) {
    let diff = 0;
    let at = -1;
    for (let j = 0; j < t.length && diff <= 1; j++)
      if (q[i + j] !== t[j]) {
        diff++;
        at = j;
      }
    if (diff !== 1) continue;
    if (bothNegations(q[i + at]!, t[at]!)) return 'near';
    const homophone = soundAlike(q[i + at]!, t[at]!);
    if (t.length === 2) {
      if (homophone && !isWord(q[i]! + q[i + 1]!)) return 'near';
    } else if (homophone || !middleOnly || at === 1) return 'near';
  }
  return null;
}

/**
 * The terms a query brings in through the table: every other term of each group the query
 * mentions, with how sure the match was (1 when the query has the term as written, less when it
 * was found only through a typo).
 */
export function translateQuery(
  normalisedQuery: string,
  queryWords: string[],
): Array<{ term: PreparedSynonym; sureness: number }> {
  const groups = table();
  const words = new Set(queryWords);
  const fixed = new Set<string>();
  for (const w of queryWords) {
    if (!/^[a-z]{5,}$/.test(w) || latinWords.includes(w)) continue;
    const near = nearestWord(w);
    if (near) fixed.add(near);
  }
  const out: Array<{ term: PreparedSynonym; sureness: number }> = [];
  for (const group of groups) {
    let sureness = 0;
    // Terms in the query as written are not searched again; a mistyped one is, as it is spelt
    // (also when another term of its group is there: 没成交 next to 不成交 is still a word to find).
    const asTyped = new Set<PreparedSynonym>();
    for (const t of group) {
      if (t.han) {
        const m = hanInQuery(t.norm, normalisedQuery);
        if (m === 'exact') {
          asTyped.add(t);
          sureness = 1;
        } else if (m === 'near') sureness = Math.max(sureness, 0.7);
      } else if (t.tokens.words.length > 0) {
        const all = t.tokens.words.every((w) => words.has(w) || fixed.has(w));
        if (!all) continue;
        const spelt = t.tokens.words.every((w) => words.has(w));
        if (spelt) asTyped.add(t);
        sureness = Math.max(sureness, spelt ? 1 : 0.7);
      }
    }
    if (sureness === 0) continue;
    for (const t of group) if (!asTyped.has(t)) out.push({ term: t, sureness });
  }
  return out;
}
