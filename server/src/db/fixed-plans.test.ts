import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/harness.ts';
import type { Database, Db } from './client.ts';
import { fixedPlansOf } from './fixed-plans.ts';
import { runShapedSql, ShapeBinder } from './shaped.ts';

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Statements prepared on the fixed-plan connection a lone caller gets (the pool reuses its last). */
const preparedOnTwin = (db: Db, like: string) =>
  rowsOf<{ generic_plans: string; custom_plans: string }>(
    fixedPlansOf(db),
    sql`select generic_plans, custom_plans from pg_prepared_statements where statement like ${like}`,
  );

describe('statements on the fixed-plan connections', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('plans a named statement there once, generically; the main pool keeps planning for the values', async () => {
    const db = database.db;
    if (database.kind !== 'postgres') {
      // PGlite is one in-process connection: such statements run where they are.
      expect(fixedPlansOf(db)).toBe(db);
      return;
    }
    expect(fixedPlansOf(db)).not.toBe(db);
    const mode = async (on: Db) =>
      (await rowsOf<{ mode: string }>(on, sql`select current_setting('plan_cache_mode') as mode`))[0]?.mode;
    expect(await mode(fixedPlansOf(db))).toBe('force_generic_plan');
    expect(await mode(db)).toBe('auto');
    for (const n of [1, 2, 3, 4]) {
      const b = new ShapeBinder();
      const query = sql`select count(*)::int as n from tickets where number > ${b.value('n', n)}::bigint`;
      await runShapedSql(db, b, 'fixed-plans-test', query, { fixedPlan: true });
    }
    const [plans] = await preparedOnTwin(db, '%where number > $1::bigint%');
    expect(Number(plans?.generic_plans)).toBeGreaterThanOrEqual(3);
    expect(Number(plans?.custom_plans)).toBe(0);
  });
});
