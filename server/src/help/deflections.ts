import { count, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { helpDeflections } from './schema.ts';

/** How often each article ended an attempt, for the ids given (absent ids: 0). */
export async function deflectionCounts(db: Db, articleIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!articleIds.length) return out;
  const rows = await db
    .select({ articleId: helpDeflections.articleId, n: count() })
    .from(helpDeflections)
    .where(inArray(helpDeflections.articleId, articleIds))
    .groupBy(helpDeflections.articleId);
  for (const r of rows) out.set(r.articleId, r.n);
  return out;
}

export async function recordDeflection(
  db: Db,
  input: { articleId: string; customerId: string; surface: string },
): Promise<void> {
  // Once per person: a second tap on "this solved it" must not inflate the count.
  await db.insert(helpDeflections).values(input).onConflictDoNothing();
}
