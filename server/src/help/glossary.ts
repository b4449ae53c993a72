import { distance } from '../safety/lookalike.ts';
import { GLOSSARY } from './glossary-terms.ts';
import { type PreparedGroups, type PreparedSynonym, prepareSynonyms } from './synonyms.ts';

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

/** Whether a Chinese term is in the query, or with one character mistyped (验正码, 实明认证) when long enough. */
function hanInQuery(term: string, query: string): 'exact' | 'near' | null {
  if (query.includes(term)) return 'exact';
  const t = [...term];
  if (t.length < 3) return null;
  // Three characters: only the middle one may be wrong ("验正码"); "值不到" is not "收不到".
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
    if (diff === 1 && (!middleOnly || at === 1)) return 'near';
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
    const present = new Set<PreparedSynonym>();
    for (const t of group) {
      if (t.han) {
        const m = hanInQuery(t.norm, normalisedQuery);
        if (m) present.add(t);
        if (m === 'exact') sureness = 1;
        else if (m === 'near') sureness = Math.max(sureness, 0.7);
      } else if (t.tokens.words.length > 0) {
        const all = t.tokens.words.every((w) => words.has(w) || fixed.has(w));
        if (!all) continue;
        present.add(t);
        sureness = Math.max(sureness, t.tokens.words.every((w) => words.has(w)) ? 1 : 0.7);
      }
    }
    if (sureness === 0) continue;
    for (const t of group) if (!present.has(t)) out.push({ term: t, sureness });
    // A term found only through a typo is searched for as it is spelt.
    if (sureness < 1) for (const t of present) out.push({ term: t, sureness });
  }
  return out;
}
