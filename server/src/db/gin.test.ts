import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

/**
 * Every GIN index keeps new entries out of a large pending list (db/gin.ts): a list that searches
 * read in full grew to 12 ms a search after 20,000 new tickets. An index added later without the
 * option fails here, not at a desk's peak.
 */
let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('GIN indexes', () => {
  it('each has fastupdate off or a pending list of at most 256 kB', async () => {
    const result = (await desk.services.db.execute(sql`
      select c.relname as name, coalesce(c.reloptions, '{}') as options
      from pg_class c join pg_am a on a.oid = c.relam
      where a.amname = 'gin' and c.relnamespace = 'public'::regnamespace
      order by 1`)) as unknown as { rows: { name: string; options: string[] }[] };
    expect(result.rows.length).toBeGreaterThanOrEqual(10);
    const unbounded = result.rows.filter(({ options }) => {
      const limit = options.find((o) => o.startsWith('gin_pending_list_limit='));
      return !options.includes('fastupdate=false') && !(limit && Number(limit.split('=')[1]) <= 256);
    });
    expect(unbounded.map((r) => r.name)).toEqual([]);
  });
});
