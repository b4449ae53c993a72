import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { helpTerms } from './schema.ts';

interface Indexed {
  status: string;
  titleTokens: string[];
  summaryTokens: string[];
  bodyTokens: string[];
}

const tokensOf = (a: Indexed | null) =>
  a && a.status === 'published'
    ? new Set([...a.titleTokens, ...a.summaryTokens, ...a.bodyTokens])
    : new Set<string>();

/** Moves the document frequencies from an article's old state to its new one (either may be null). */
export async function adjustTermCounts(db: Executor, before: Indexed | null, after: Indexed | null) {
  const old = tokensOf(before);
  const now = tokensOf(after);
  const added = [...now].filter((t) => !old.has(t));
  const removed = [...old].filter((t) => !now.has(t));
  if (added.length) {
    await db
      .insert(helpTerms)
      .values(added.map((term) => ({ term, df: 1 })))
      .onConflictDoUpdate({ target: helpTerms.term, set: { df: sql`${helpTerms.df} + 1` } });
  }
  if (removed.length) {
    await db.execute(
      sql`update help_terms set df = greatest(df - 1, 0) where term = any(${sql`array[${sql.join(
        removed.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`})`,
    );
  }
}

/** Recomputes every document frequency from the articles (after bulk loads). */
export async function rebuildTermCounts(db: Executor) {
  await db.execute(sql`delete from help_terms`);
  await db.execute(sql`
    insert into help_terms (term, df)
    select t, count(*) from (
      select distinct a.id, t
      from help_articles a, unnest(array[''] || a.title_tokens || a.summary_tokens || a.body_tokens) as t
      where a.status = 'published'
    ) x group by t`);
}
