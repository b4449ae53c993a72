import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/harness.ts';
import type { Database, Db } from './client.ts';
import * as schema from './schema.ts';

/** A database handle on one checked-out connection: what it prepares is in that session. */
const drizzleOn = (client: pg.PoolClient) => drizzle(client, { schema }) as unknown as Db;

import { runShapedSql, ShapeBinder } from './shaped.ts';

describe('statements kept per shape', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('keys on where each value goes and on each named choice, not on the values', () => {
    const key = (build: (b: ShapeBinder) => void) => {
      const b = new ShapeBinder();
      build(b);
      return b.key('k');
    };
    expect(key((b) => b.value('status', ['open']))).toBe(key((b) => b.value('status', ['open', 'pending'])));
    expect(key((b) => b.value('status', ['open']))).not.toBe(key((b) => b.value('priority', ['open'])));
    expect(key((b) => b.shape('unassigned'))).not.toBe(key(() => {}));
    const ab = key((b) => {
      b.value('a', 1);
      b.value('b', 2);
    });
    const ba = key((b) => {
      b.value('b', 2);
      b.value('a', 1);
    });
    expect(ab).not.toBe(ba);
  });

  it('runs one shape with each call’s values, and compiles it again only to check it', async () => {
    const db = database.db;
    const run = async (n: number, names: string[]) => {
      const b = new ShapeBinder();
      const query = sql`select ${b.value('n', n)}::int + 1 as next, cardinality(${b.value('names', names)}::text[]) as count`;
      return (await runShapedSql<{ next: number; count: number }>(db, b, 'shaped-test', query))[0];
    };
    expect(await run(1, ['a'])).toEqual({ next: 2, count: 1 });
    expect(await run(41, ['a', 'b', 'c'])).toEqual({ next: 42, count: 3 });
  });

  it('sends a named shape as a prepared statement, parsed once per connection', async () => {
    const db = database.db;
    const run = async (n: number) => {
      const b = new ShapeBinder();
      const query = sql`select ${b.value('n', n)}::int * 2 as twice`;
      return (await runShapedSql<{ twice: number }>(db, b, 'shaped-test-named', query, { named: true }))[0];
    };
    expect(await run(2)).toEqual({ twice: 4 });
    expect(await run(21)).toEqual({ twice: 42 });
    if (database.kind !== 'postgres') return;
    // On one connection the statement is prepared under its shape's name and run again by it.
    const client = await database.pool.connect();
    try {
      const one = drizzleOn(client);
      for (const n of [1, 2, 3]) {
        const b = new ShapeBinder();
        const rows = await runShapedSql<{ twice: number }>(
          one,
          b,
          'shaped-test-named',
          sql`select ${b.value('n', n)}::int * 2 as twice`,
          {
            named: true,
          },
        );
        expect(rows[0]?.twice).toBe(n * 2);
      }
      const prepared = await client.query(
        "select name from pg_prepared_statements where name like 'kefu_shape_%' and statement like '%* 2 as twice%'",
      );
      expect(prepared.rows).toHaveLength(1);
    } finally {
      client.release();
    }
  });

  it('takes no value once its statement is sent', async () => {
    const b = new ShapeBinder();
    await runShapedSql(database.db, b, 'shaped-test-sealed', sql`select ${b.value('n', 1)}::int as n`);
    expect(() => b.value('late', 2)).toThrow(/after its statement was sent/);
  });

  it('fails loudly when a builder’s text depends on a choice it did not name', async () => {
    const db = database.db;
    const run = async (descending: boolean) => {
      const b = new ShapeBinder();
      // The order is part of the text, but not named as a shape: a builder gone wrong.
      const query = sql`select x from (values (1), (2)) v(x) where x >= ${b.value('min', 1)}::int order by x ${sql.raw(descending ? 'desc' : 'asc')}`;
      return runShapedSql<{ x: number }>(db, b, 'shaped-test-wrong', query);
    };
    expect(await run(false)).toEqual([{ x: 1 }, { x: 2 }]);
    // Without the check this would answer 1, 2 again: the kept statement of the other order.
    expect(process.env.KEFU_CHECK_SHAPES).toBe('1');
    await expect(run(true)).rejects.toThrow(/gave two texts/);
  });
});
