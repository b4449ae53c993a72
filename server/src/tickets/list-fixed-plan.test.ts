import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { fixedPlansOf } from '../db/fixed-plans.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { listTickets, planHoldsForAnyValues } from './list-query.ts';

describe("the inbox's lists and generic plans (db/fixed-plans.ts)", () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('sends an inbox view there, and a list filtered by a tag to the main pool', async () => {
    const views = [
      { status: ['new', 'open', 'pending', 'on_hold'] as const, assignee: 'none' },
      { status: ['open'] as const, sort: 'sla' as const },
    ];
    for (const f of views) {
      expect(planHoldsForAnyValues({ ...f, status: [...f.status] })).toBe(true);
      const page = await listTickets(database.db, { ...f, status: [...f.status] }, { limit: 25 });
      expect(page.items.length).toBeGreaterThan(0);
    }
    expect(planHoldsForAnyValues({ tag: 'vip' })).toBe(false);
    expect(planHoldsForAnyValues({ priority: ['urgent'] })).toBe(false);
    expect(planHoldsForAnyValues({ channel: 'email' })).toBe(false);
    expect(planHoldsForAnyValues({ q: 'KF-000001' })).toBe(false);
    await listTickets(database.db, { tag: 'kefu-fixed-plan-probe' }, { limit: 25 });
    if (database.kind !== 'postgres') return;
    // The statuses are in the text (so a generic plan proves the views' partial indexes).
    // The fixed-plan connection a lone caller gets (the pool reuses its last).
    const lists = (
      (await fixedPlansOf(database.db).execute(
        sql`select statement from pg_prepared_statements where statement like '%page_id%'`,
      )) as unknown as { rows: Array<{ statement: string }> }
    ).rows;
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(lists.some((l) => l.statement.includes(`in ('new', 'open', 'pending', 'on_hold')`))).toBe(true);
    expect(lists.some((l) => l.statement.includes('@> array['))).toBe(false);
  });
});
