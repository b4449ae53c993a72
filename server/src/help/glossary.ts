import pinyin from 'tiny-pinyin';
import { distance } from '../safety/lookalike.ts';
import { GLOSSARY } from './glossary-terms.ts';
import { type PreparedSynonym, prepareSynonyms } from './synonyms.ts';
import { isEstablishedWord, stemWord } from './text.ts';

/** Query translation through the term table in glossary-terms.ts (typo-tolerant look-ups). */

/** A term of the table with what matching and searching it need. */
export interface TableTerm extends PreparedSynonym {
  /**
   * Latin terms: every word as the query must have it, stop words included, so "not approved"
   * is not matched by "approved addresses" (the index drops "not"; the table must not).
   */
  required: string[];
  /**
   * What the term adds to a query: its words of two characters or letters or more. A phrase's
   * single characters (被, 人, 转 of 资产被转走) are in most Chinese articles and only added noise;
   * a term made only of them (被拒) is searched as its bigrams.
   */
  search: string[];
}

let prepared: TableTerm[][] | null = null;
/** The table's Latin words, as written (rejected) and as stemmed (reject): typos are compared with both. */
let latinWords = new Map<string, string>();
/** Every Latin word of the table, fillers too: a word the table has is no typo. */
const knownWords = new Set<string>();

const LATIN_RUN = /[\p{L}\p{N}]+/gu;
const plainWords = (norm: string) => (norm.match(LATIN_RUN) ?? []).map(stemWord);

/**
 * Words of a colloquial phrase that say nothing of its topic ("didn't go through", "这么贵"): the
 * phrase is matched whole, but these are not searched for (一直 and 不了 are in half the articles).
 */
const NOT_SEARCHED = new Set([
  'didn',
  'didnt',
  'doesn',
  'doesnt',
  'don',
  'dont',
  'won',
  'wont',
  'isn',
  'isnt',
  'hasn',
  'hasnt',
  'wasn',
  'wasnt',
  'cant',
  'cannot',
  'go',
  'went',
  'through',
  'still',
  'noth',
  'there',
  'so',
  'more',
  'all',
  'keep',
  'get',
  'take',
  'sit',
  'come',
  'ever',
  'never',
  'as',
  'he',
  'she',
  'hes',
  'sai',
  'him',
  'own',
  'els',
  'someon',
  '一直',
  '这么',
  '那么',
  '不了',
  '还在',
  '还没',
  '没有',
  '不给',
  '给过',
]);

function searchWords(t: PreparedSynonym): string[] {
  const long = t.tokens.words.filter((w) => [...w].length >= 2 && !NOT_SEARCHED.has(w));
  return t.han && long.length === 0 ? t.tokens.bigrams.filter((w) => !NOT_SEARCHED.has(w)) : long;
}

function table(): TableTerm[][] {
  if (!prepared) {
    prepared = prepareSynonyms(GLOSSARY).map((g) =>
      g.map((t) => ({ ...t, required: t.han ? [] : plainWords(t.norm), search: searchWords(t) })),
    );
    latinWords = new Map();
    for (const t of prepared.flat()) {
      if (t.han) continue;
      for (const raw of t.norm.match(LATIN_RUN) ?? []) {
        const stem = stemWord(raw);
        knownWords.add(raw).add(stem);
        // a phrase's filler ("taking" of "taking forever") is no word to correct towards: "staking"
        if (NOT_SEARCHED.has(stem)) continue;
        if (/^[a-z]{5,}$/.test(raw)) latinWords.set(raw, stem);
        if (/^[a-z]{5,}$/.test(stem)) latinWords.set(stem, stem);
      }
    }
  }
  return prepared;
}

/**
 * The table's word a misspelt Latin word means ("withdrawl", "pasword", "tradng", "rejcted"), as
 * its stem, if one is close enough: one edit, two from eight letters (a swap of neighbours is one).
 */
function nearestWord(raw: string): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  const allowed = raw.length >= 8 ? 2 : 1;
  const stem = stemWord(raw);
  for (const [w, wStem] of latinWords) {
    for (const form of stem === raw ? [raw] : [raw, stem]) {
      if (Math.abs(w.length - form.length) > allowed) continue;
      const d = distance(form, w);
      if (d <= allowed && d < bestD) {
        best = wStem;
        bestD = d;
      }
    }
  }
  return best;
}

/**
 * How many words a group the query mentions adds at most (its first terms'). Without a cap the
 * larger table took bench:search's p95 from ~12 to ~58 ms; 12 keeps the dev sets' figures (10
 * lost 0.02 with the answer in the other language only) with as many words per query as before.
 */
const WORDS_PER_GROUP = 12;

/** How sure a match through a typo is, against 1 for a word spelt right. */
export const TYPO_SURENESS = 0.7;

/**
 * The customer's Latin words that are no word of the table but one edit or two away from one:
 * the stems they were meant to be. Searched as the customer's own words, a little less surely.
 */
export function typoCorrections(normalisedQuery: string): string[] {
  table();
  const fixed = new Set<string>();
  for (const raw of normalisedQuery.match(LATIN_RUN) ?? []) {
    if (!/^[a-z]{5,}$/.test(raw) || knownWords.has(raw) || knownWords.has(stemWord(raw))) continue;
    const near = nearestWord(raw);
    if (near) fixed.add(near);
  }
  return [...fixed];
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
 * same reading; for terms of 3+ characters also any other character inside the term (实明认证),
 * not its first or last: "值不到" is not "收不到", and 账号被盗 is not 账号被锁 nor 身份验证没
 * 身份验证器. A two-character window is taken for a mistyped term only when it is no word in
 * common use (如今 is one, not 入金 mistyped; the dictionary's rare 冻洁 is 冻结 mistyped).
 */
function hanInQuery(term: string, query: string): 'exact' | 'near' | null {
  if (query.includes(term)) return 'exact';
  const t = [...term];
  if (t.length < 2) return null;
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
      if (homophone && !isEstablishedWord(q[i]! + q[i + 1]!)) return 'near';
    } else if (homophone || (at > 0 && at < t.length - 1)) return 'near';
  }
  return null;
}

/**
 * The terms a query brings in through the table: every other term of each group the query
 * mentions, with how sure the match was (1 when the query has the term as written, less when it
 * was found only through a typo). A Latin term inside a longer one of another group that the
 * query has does not count: "verification code" is about codes, not identity verification, and
 * "approved address" is no rejection ("not approved").
 */
export function translateQuery(normalisedQuery: string): Array<{ term: TableTerm; sureness: number }> {
  const groups = table();
  const words = new Set(plainWords(normalisedQuery));
  const fixed = new Set(typoCorrections(normalisedQuery));
  // Latin terms found, per group, and whether spelt as the customer did.
  const latin: Array<{ group: number; term: TableTerm; spelt: boolean }> = [];
  groups.forEach((group, g) => {
    for (const t of group) {
      if (t.han || t.required.length === 0) continue;
      if (!t.required.every((w) => words.has(w) || fixed.has(w))) continue;
      latin.push({ group: g, term: t, spelt: t.required.every((w) => words.has(w)) });
    }
  });
  const covered = (m: (typeof latin)[number]) =>
    latin.some(
      (o) =>
        o.group !== m.group &&
        o.term.required.length > m.term.required.length &&
        m.term.required.every((w) => o.term.required.includes(w)) &&
        // "no code" is still about codes: a stop word added ("no", "not") changes no topic
        o.term.tokens.words.some((w) => !m.term.required.includes(w)),
    );
  const out: Array<{ term: TableTerm; sureness: number }> = [];
  groups.forEach((group, g) => {
    let sureness = 0;
    // Terms in the query as written are not searched again; a mistyped one is, as it is spelt
    // (also when another term of its group is there: 没成交 next to 不成交 is still a word to find).
    const asTyped = new Set<TableTerm>();
    for (const t of group) {
      if (!t.han) continue;
      const m = hanInQuery(t.norm, normalisedQuery);
      if (m === 'exact') {
        asTyped.add(t);
        sureness = 1;
      } else if (m === 'near') sureness = Math.max(sureness, TYPO_SURENESS);
    }
    for (const m of latin) {
      if (m.group !== g || covered(m)) continue;
      if (m.spelt) asTyped.add(m.term);
      sureness = Math.max(sureness, m.spelt ? 1 : TYPO_SURENESS);
    }
    if (sureness === 0) return;
    // The group's first terms are its plain words, as articles write them; the colloquial forms
    // after them are there to be recognised. Searching every one doubled a search's database time.
    const words = new Set<string>();
    for (const t of group) {
      if (asTyped.has(t) || t.search.length === 0) continue;
      if (words.size >= WORDS_PER_GROUP) break;
      for (const w of t.search) words.add(w);
      out.push({ term: t, sureness });
    }
  });
  return out;
}
