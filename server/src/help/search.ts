import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { rawRows } from '../db/raw.ts';
import type { Language } from '../platform/i18n.ts';
import { maskSecrets } from '../safety/mask.ts';
import { TYPO_SURENESS, translateQuery, typoCorrections } from './glossary.ts';
import { helpArticles, helpSearches } from './schema.ts';
import { anyOf, HEAD_BUDGET, planTerms, withinBudget } from './search-terms.ts';
import { highlightSnippet } from './snippet.ts';
import { cachedSynonymGroups, expandWithSynonyms, type PreparedGroups } from './synonyms.ts';
import { mainlandWording, normalise, tokenize } from './text.ts';

export interface SearchOptions {
  q: string;
  /** The customer's language: its articles come first; the other language fills in. */
  lang: Language;
  limit?: number;
  /** Record the search for the "no results" report (customer searches do; the bot may not). */
  log?: { customerId: string | null } | false;
}

export interface SearchHit {
  id: string;
  slug: string;
  lang: Language;
  title: string;
  summary: string;
  /** HTML-escaped text with the matched words in <mark>. */
  snippet: string;
  score: number;
  /** True when the article is in the other language (no translation in the asked one). */
  fallback: boolean;
}

/** Query-token weights: whole words count more than bigrams, the query's own words more than synonyms. */
const WEIGHT = {
  word: 1,
  bigram: 0.5,
  synonymWord: 0.7,
  synonymBigram: 0.3,
  /** Words from the built-in translation table (glossary-terms.ts): the other language's, colloquial forms. */
  glossaryWord: 0.6,
};
/** A match in another language than the asked one counts this much. */
const OTHER_LANGUAGE = 0.8;
/**
 * How many matches each ranked branch of the cheap first stage hands to the exact scoring. Each
 * candidate's body vector is read once to score it (most of a search's cost at 10,000 articles):
 * 50 instead of 100 cut the database's CPU per search by a third and, at 10,000 articles, put the
 * expected article higher (MRR 0.600 → 0.656 over the relevance set), fewer near-duplicates competing.
 */
const PRESELECT = 50;
/** How many unranked body matches of common terms fill in when the other branches find too few. */
const COMMON_FILL = 50;
/** How many unranked title/summary matches of the common terms join (arbitrary ones: ties of a common word). */
const HEAD_COMMON = 25;

/** The weighted query terms of a search, after synonyms. Exported for tests and the bench. */
export function queryTerms(q: string, synonymGroups: PreparedGroups): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (t: string, w: number) => {
    if (t.length > 0 && t.length <= 64 && (terms.get(t) ?? 0) < w) terms.set(t, w);
  };
  // Taiwan's words in their mainland form too (the articles and the table are in mainland words).
  const mainland = mainlandWording(q);
  const qn = mainland ? `${normalise(q)} ${mainland}` : normalise(q);
  const own = tokenize(qn, { query: true });
  for (const t of own.words) add(t, WEIGHT.word);
  for (const t of own.bigrams) add(t, WEIGHT.bigram);
  for (const extra of expandWithSynonyms(synonymGroups, qn, own.words)) {
    const { words, bigrams } = extra.tokens;
    for (const t of words) add(t, WEIGHT.synonymWord);
    for (const t of bigrams) add(t, WEIGHT.synonymBigram);
  }
  // A misspelt word the table knows ("tradng", "rejcted") is searched as meant, as the customer's
  // own word but less surely (the index's vocabulary corrects longer words later, in planTerms).
  for (const t of typoCorrections(qn)) add(t, WEIGHT.word * TYPO_SURENESS);
  // The table's words, without their bigrams: the words carry the meaning, and the bigrams of
  // ~10 terms per group tripled a query's terms (and its cost) for no gain on the development set.
  for (const { term, sureness } of translateQuery(qn))
    for (const t of term.search) add(t, WEIGHT.glossaryWord * sureness);
  return terms;
}

/**
 * Searches the published help articles, in PostgreSQL (the same results on every node).
 * Score per article = Σ over query terms of weight × idf × (1 title/tags, 0.5 summary, 0.2 body)
 * + trigram word-similarity of the title (typos), × helpfulness (0.85–1.15) × freshness (≤ 1.1).
 * One result per translation group, in the asked language when it exists.
 * This is the function the live-chat bot calls: `searchHelp(db, { q, lang, limit })`.
 */
export async function searchHelp(db: Executor, options: SearchOptions): Promise<SearchHit[]> {
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 50);
  const q = options.q.slice(0, 200);
  const groups = await cachedSynonymGroups(db);
  const terms = queryTerms(q, groups);
  const qn = normalise(q).trim();
  const hits = terms.size === 0 && qn.length < 3 ? [] : await rank(db, terms, qn, options.lang, limit);
  if (options.log) {
    // What people type here is kept for the unanswered-searches report: never a secret (#20.7).
    await db.insert(helpSearches).values({
      query: maskSecrets(q.trim()).slice(0, 200),
      lang: options.lang,
      resultCount: hits.length,
      customerId: options.log.customerId,
    });
  }
  return hits;
}

async function rank(db: Executor, weights: Map<string, number>, qn: string, lang: Language, limit: number) {
  // Typos are a matter of Latin words (Chinese recall comes from the bigrams): the customer's own
  // words of 4+ letters are checked against the index's vocabulary in the df look-up.
  const typoWords = [...weights]
    .filter(([t, w]) => w === WEIGHT.word && /^[a-z]{4,}$/.test(t))
    .map(([t]) => t);
  const plan = await planTerms(db, weights, typoWords);
  // A word the synonyms or the table brought that no published article has cannot score, and
  // every candidate would still test it: left out. (The customer's own words stay, as before:
  // the counts may lag a bulk load.)
  const terms = plan.terms.filter((t) => t.df > 0 || (weights.get(t.term) ?? 0) >= WEIGHT.word);
  const textArray = sql`array[${sql.join(
    terms.map((t) => sql`${t.term}`),
    sql`, `,
  )}]::text[]`;
  const weightArray = sql`array[${sql.join(
    terms.map((t) => sql`${t.wi}`),
    sql`, `,
  )}]::float8[]`;
  // A title that looks like the whole query scores a bonus (computed on the candidates only).
  const trigram = /[a-z]{4,}/.test(qn);
  const published = sql`a.status = 'published'`;
  // Stage 1 picks candidates without reading many body vectors: the best title/summary matches of
  // every term (small inline vector), every body match of the rare terms (ranked), and a few body
  // matches of the common ones only when that finds too little. (Typos were corrected to known words
  // in planTerms: scanning every title for one like the query cost ~25 ms at 10,000 articles.)
  const branches: SQL[] = [];
  // The head vector is small but ranking thousands of them still costs ~15 ms: a term found in more
  // than HEAD_BUDGET articles only adds unranked title/summary matches (ties of a common word).
  const { inside: headRanked, over: headCommon } = withinBudget(terms, HEAD_BUDGET);
  if (headRanked.length)
    branches.push(sql`(select a.id from help_articles a
      where ${published} and a.head_vector @@ ${anyOf(headRanked)}::tsquery
      order by ts_rank(a.head_vector, ${anyOf(headRanked)}::tsquery) desc, a.id limit ${PRESELECT})`);
  if (headCommon.length)
    branches.push(sql`(select a.id from help_articles a
      where ${published} and a.head_vector @@ ${anyOf(headCommon)}::tsquery limit ${HEAD_COMMON})`);
  if (branches.length === 0) branches.push(sql`(select a.id from help_articles a where false)`);
  if (plan.rare.length)
    branches.push(sql`(select a.id from help_articles a
      where ${published} and a.search_vector @@ ${anyOf(plan.rare)}::tsquery
      order by ts_rank(a.search_vector, ${anyOf(plan.rare)}::tsquery) desc, a.id limit ${PRESELECT})`);
  const common = plan.common.length
    ? sql`, fill as (select a.id from help_articles a
        where ${published} and a.search_vector @@ ${anyOf(plan.common)}::tsquery
          and (select count(*) from picked) < ${PRESELECT}
        limit ${COMMON_FILL})`
    : sql``;
  const result = await rawRows<{ id: string; group: string; score: number }>(
    db,
    sql`
    with qi as materialized (
      select x.term, x.wi, quote_literal(x.term)::tsquery as tq
      from unnest(${terms.length ? textArray : sql`'{}'::text[]`}, ${terms.length ? weightArray : sql`'{}'::float8[]`}) as x(term, wi)
    ),
    picked as materialized (${sql.join(branches, sql` union `)})
    ${common},
    cand as materialized (
      select a.id, a.translation_group, a.lang, a.helpful_yes, a.helpful_no, a.updated_at,
             a.title_tokens, a.summary_tokens,
             -- a computed copy is kept inline in the CTE: detoasted once, not once per term test
             (a.search_vector || ''::tsvector) as search_vector,
             ${trigram ? sql`word_similarity(${qn}, a.title_norm)` : sql`0::real`} as ws
      from help_articles a
      where a.id in (select id from picked ${plan.common.length ? sql`union select id from fill` : sql``})
    )
    select c.id, c.translation_group as "group",
      -- most terms are absent from a given article: one test settles those
      -- (the vectors hold no positions, so no weights: title and summary are told by their token arrays)
      ((coalesce((select sum(qi.wi * case when not c.search_vector @@ qi.tq then 0
                                           when qi.term = any(c.title_tokens) then 1.0
                                           when qi.term = any(c.summary_tokens) then 0.5 else 0.2 end) from qi), 0)
        + case when c.ws >= 0.5 then c.ws * 2 else 0 end)
       * (0.85 + 0.3 * (c.helpful_yes + 1)::float8 / (c.helpful_yes + c.helpful_no + 2))
       -- float8: extract() is numeric, and numeric exp() is slow
       * (1 + 0.1 * exp(-extract(epoch from now() - c.updated_at)::float8 / 86400 / 365))
       * case when c.lang = ${lang} then 1.0 else ${OTHER_LANGUAGE}::float8 end)::float8 as score
    from cand c
    order by score desc, c.id
    limit ${limit * 4}`,
  );
  const best = new Map<string, number>();
  for (const r of result) if (!best.has(r.group) && r.score > 0) best.set(r.group, Number(r.score));
  const top = [...best.entries()].slice(0, limit);
  if (top.length === 0) return [];
  // Only what a hit shows: `select *` would also detoast every member's HTML, token arrays and vectors.
  const members = await db
    .select({
      id: helpArticles.id,
      translationGroup: helpArticles.translationGroup,
      lang: helpArticles.lang,
      slug: helpArticles.slug,
      title: helpArticles.title,
      summary: helpArticles.summary,
      bodyMd: helpArticles.bodyMd,
    })
    .from(helpArticles)
    .where(
      and(
        inArray(
          helpArticles.translationGroup,
          top.map(([g]) => g),
        ),
        eq(helpArticles.status, 'published'),
      ),
    );
  const surface = terms.map((t) => t.term);
  return top.map(([group, score]) => {
    const inGroup = members.filter((m) => m.translationGroup === group);
    const a = inGroup.find((m) => m.lang === lang) ?? inGroup[0]!;
    return {
      id: a.id,
      slug: a.slug,
      lang: a.lang,
      title: a.title,
      summary: a.summary,
      snippet: highlightSnippet(a.bodyMd, surface),
      score: Math.round(score * 1000) / 1000,
      fallback: a.lang !== lang,
    };
  });
}
