import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { rawRows } from '../db/raw.ts';

/**
 * What the help center failed to answer, for admins: searches with no results, and searches after
 * which the same customer opened a ticket within an hour (the article did not help).
 */
export async function searchReport(db: Executor, days: number) {
  const since = new Date(Date.now() - days * 86400_000);
  const noResults = await rawRows<{ query: string; lang: string; searches: number; last: string }>(
    db,
    sql`
    select lower(query) as query, lang, count(*)::int as searches, max(created_at) as last
    from help_searches where result_count = 0 and created_at >= ${since}
    group by lower(query), lang order by searches desc, last desc limit 100`,
  );
  const thenTicket = await rawRows<{ query: string; lang: string; searches: number }>(
    db,
    sql`
    select lower(s.query) as query, s.lang, count(*)::int as searches
    from help_searches s
    where s.created_at >= ${since} and s.customer_id is not null and exists (
      select 1 from tickets t where t.customer_id = s.customer_id
        and t.created_at between s.created_at and s.created_at + interval '1 hour')
    group by lower(s.query), s.lang order by searches desc limit 100`,
  );
  return { days, noResults: noResults, followedByTicket: thenTicket };
}
