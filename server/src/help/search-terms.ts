import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { rawRows } from '../db/raw.ts';

/**
 * How many body matches the first stage may rank in full. Reading an article's body vector is
 * what costs (it is large and toasted): ~6,800 of them took ~60 ms on PostgreSQL. A query term
 * found in more articles than what is left of this budget selects candidates through the small
 * title/summary vector only (plus a few body matches when that finds too little).
 */
// 300 rather than 600: 12 % less database CPU per search at 10,000 articles, the same MRR there
// (0.645 → 0.646) and on the demo set (0.979).
export const BODY_BUDGET = 300;

/** How many title/summary matches the first stage may rank (rarest terms first); the rest are taken unranked. */
export const HEAD_BUDGET = 1500;

export interface WeightedTerm {
  term: string;
  /** query weight × idf, the term's share of an article's score. */
  wi: number;
  df: number;
}

export interface TermPlan {
  terms: WeightedTerm[];
  /** Rare enough to rank every article whose body has them. */
  rare: string[];
  /** Found in too many articles: candidates from their title/summary matches. */
  common: string[];
}

/** How close (pg_trgm similarity) a known word must be to an unknown one to be taken as what was meant. */
export const TYPO_SIMILARITY = 0.5;

/**
 * Looks up the document frequencies of the query terms (and N, kept under the term ''), and in the
 * same round trip the known words closest to each of the customer's Latin words that the index does
 * not know (a typo: "depost" → deposit, "verifcation" → verif). `typoWords` are candidates only:
 * a word the index knows gets no correction. A correction joins the terms with its word's weight ×
 * its similarity, so it ranks below what the customer spelled right.
 */
export async function planTerms(
  db: Executor,
  weights: Map<string, number>,
  typoWords: string[] = [],
): Promise<TermPlan> {
  const textArray = (xs: string[]) =>
    sql`array[${sql.join(
      xs.map((t) => sql`${t}`),
      sql`, `,
    )}]::text[]`;
  const list = [...weights.keys()];
  const rows = await rawRows<{ term: string; df: number; typo: string | null; sim: number }>(
    db,
    sql`select term, df, null as typo, 0::real as sim from help_terms where term = any(${textArray(['', ...list])})
    ${
      typoWords.length
        ? sql`union all
    select h.term, h.df, w.word, similarity(h.term, w.word) from unnest(${textArray(typoWords)}) as w(word)
    cross join lateral (select term, df from help_terms
      where term % w.word and df > 0 and similarity(term, w.word) >= ${TYPO_SIMILARITY}
      order by similarity(term, w.word) desc, term limit 2) h
    where not exists (select 1 from help_terms k where k.term = w.word and k.df > 0)`
        : sql``
    }`,
  );
  const all = new Map(weights);
  for (const r of rows) {
    if (r.typo === null) continue;
    const w = (weights.get(r.typo) ?? 0) * Number(r.sim);
    if ((all.get(r.term) ?? 0) < w) all.set(r.term, w);
  }
  const df = new Map(rows.map((r) => [r.term, Number(r.df)]));
  const n = Math.max(df.get('') ?? 0, 1);
  const terms = [...all.keys()].map((term) => {
    const d = df.get(term) ?? 0;
    return { term, df: d, wi: all.get(term)! * Math.log(1 + n / (1 + d)) };
  });
  const { inside: rare, over: common } = withinBudget(terms, BODY_BUDGET);
  return { terms, rare, common };
}

const quoteLexeme = (t: string) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/** `'a' | 'b'` as tsquery text ('' matches nothing). */
export const anyOf = (terms: string[]) => (terms.length ? terms.map(quoteLexeme).join(' | ') : `''`);

/**
 * Splits terms, rarest first, into those whose matches together fit the budget and the rest.
 * Rarest first: they say the most about the query and cost the least to rank. A term unknown to
 * help_terms costs nothing to look up, and stays in (the counts may lag a bulk load).
 */
export function withinBudget(terms: WeightedTerm[], budget: number) {
  const sorted = [...terms].sort((a, b) => a.df - b.df || a.term.localeCompare(b.term));
  const inside: string[] = [];
  const over: string[] = [];
  let spent = 0;
  for (const t of sorted) {
    if (over.length === 0 && spent + t.df <= budget) {
      inside.push(t.term);
      spent += t.df;
    } else over.push(t.term);
  }
  return { inside, over };
}
