import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { helpArticles } from '../../help/schema.ts';
import { rebuildTermCounts } from '../../help/terms.ts';
import type { App, Services } from '../../platform/services.ts';
import { EVAL_DATA, type Ratio, readJsonl } from './score.ts';

/**
 * Scores help-center search (eval-data/<part>/search.jsonl) through the app: `GET
 * /api/v1/help/search` as the customer help page calls it, on the demo desk's articles.
 *
 * The demo has every article in both languages, so a "cross-language" row (a query in the other
 * language) can still be answered by the asked language's copy. `onlyOther` measures the case the
 * issue is about, an answer that exists only in the other language: every article of the asked
 * language is unpublished while that language's rows run, and a hit counts only when it comes back
 * marked as being in the other language (`fallback`, `lang`).
 */

export interface SearchRow {
  id: string;
  lang: 'zh' | 'en';
  category: string;
  query: string;
  expected: string[];
}

export interface SearchMeasure {
  /** Sum of 1/rank of the first expected slug in the top 10 (0 when absent), over `of` queries. */
  rr: number;
  hit1: number;
  of: number;
}
export interface SearchScore {
  part: string;
  categories: Array<{ category: string } & SearchMeasure>;
  all: SearchMeasure;
  /** The zh help center's queries and the en one's. */
  byLang: Record<'zh' | 'en', SearchMeasure>;
  failures: string[];
  /** Scored with the asked language's articles hidden (the answer only in the other language). */
  onlyOther: boolean;
}

export const mrr = (m: SearchMeasure) => (m.of === 0 ? Number.NaN : m.rr / m.of);
export const hitAt1 = (m: SearchMeasure) => (m.of === 0 ? Number.NaN : m.hit1 / m.of);
export const asRatio = (m: SearchMeasure): Ratio => ({ hit: m.hit1, of: m.of });

const empty = (): SearchMeasure => ({ rr: 0, hit1: 0, of: 0 });
const add = (m: SearchMeasure, rank: number) => {
  m.of++;
  if (rank > 0) m.rr += 1 / rank;
  if (rank === 1) m.hit1++;
};

export async function scoreSearch(
  desk: { app: App; services: Pick<Services, 'db'> },
  part: string,
  { onlyOther = false } = {},
): Promise<SearchScore> {
  const rows = readJsonl<SearchRow>(join(EVAL_DATA, part, 'search.jsonl'));
  const s: SearchScore = {
    part,
    categories: [],
    all: empty(),
    byLang: { zh: empty(), en: empty() },
    failures: [],
    onlyOther,
  };
  const byCategory = new Map<string, { category: string } & SearchMeasure>();
  let n = 0;
  for (const side of ['zh', 'en'] as const) {
    const lang = side === 'zh' ? 'zh-CN' : 'en';
    const hidden = onlyOther ? await hideLanguage(desk.services.db, lang) : [];
    try {
      for (const row of rows.filter((r) => r.lang === side)) {
        n++;
        const res = await desk.app.inject({
          method: 'GET',
          url: `/api/v1/help/search?q=${encodeURIComponent(row.query)}&lang=${lang}&limit=10`,
          // One address per query: the evaluation is not a flood from one visitor.
          remoteAddress: `10.77.${Math.floor(n / 250)}.${n % 250}`,
        });
        if (res.statusCode !== 200)
          throw new Error(`${row.id}: search answered ${res.statusCode} ${res.body}`);
        const results = (res.json() as { results: Array<{ slug: string; lang: string; fallback: boolean }> })
          .results;
        const rank =
          results.findIndex(
            (r) => row.expected.includes(r.slug) && (!onlyOther || (r.fallback && r.lang !== lang)),
          ) + 1;
        let c = byCategory.get(row.category);
        if (!c) {
          c = { category: row.category, ...empty() };
          byCategory.set(row.category, c);
        }
        add(c, rank);
        add(s.all, rank);
        add(s.byLang[row.lang], rank);
        if (rank !== 1)
          s.failures.push(
            `${part}/${row.id} ${row.category} [${row.lang}${onlyOther ? ', other only' : ''}] ${row.query} → #${rank || '–'} (first: ${results[0]?.slug ?? 'nothing'})`,
          );
      }
    } finally {
      if (hidden.length) await showAgain(desk.services.db, hidden);
    }
  }
  s.categories.push(...byCategory.values());
  return s;
}

/** Unpublishes every article in `lang`, returning their ids (the term counts follow). */
async function hideLanguage(db: Services['db'], lang: string): Promise<string[]> {
  const rows = await db
    .update(helpArticles)
    .set({ status: 'draft' })
    .where(and(eq(helpArticles.lang, lang as 'en'), eq(helpArticles.status, 'published')))
    .returning({ id: helpArticles.id });
  await rebuildTermCounts(db);
  return rows.map((r) => r.id);
}

async function showAgain(db: Services['db'], ids: string[]) {
  await db.update(helpArticles).set({ status: 'published' }).where(inArray(helpArticles.id, ids));
  await rebuildTermCounts(db);
}
