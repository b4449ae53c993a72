import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/src/db/client.ts';
import { type LoadResult, runLoad } from './load.ts';

/**
 * The floor under the API: the same three rows a ticket creates (the ticket, its first message,
 * its "created" event) in one transaction, through the same driver, with no HTTP, validation,
 * auth or ORM. The API's rate divided by this shows what our layers cost.
 */
export async function rawInsertRate(
  database: Database,
  input: { customerIds: string[]; categoryId: string; teamId: string | null },
  clients: number,
  total: number,
): Promise<LoadResult> {
  const statements = (customerId: string, i: number) => {
    const id = randomUUID();
    return [
      [
        `insert into tickets (id, title, description, customer_id, category_id, team_id, priority, channel, fields, tags, last_seq)
         values ($1, $2, $3, $4, $5, $6, 'normal', 'web', '{}'::jsonb, '{}', 2)`,
        [id, `raw ${i}`, 'raw insert benchmark row', customerId, input.categoryId, input.teamId],
      ],
      [
        `insert into messages (ticket_id, seq, author_type, author_id, visibility, body)
         values ($1, 1, 'customer', $2, 'public', 'raw insert benchmark row')`,
        [id, customerId],
      ],
      [
        `insert into ticket_events (ticket_id, seq, actor_type, actor_id, kind, to_value)
         values ($1, 2, 'customer', $2, 'created', '{"status":"new"}'::jsonb)`,
        [id, customerId],
      ],
    ] as const;
  };
  return runLoad(database.kind === 'pglite' ? 1 : clients, total, async (client, i) => {
    const started = performance.now();
    const customerId = input.customerIds[client % input.customerIds.length]!;
    if (database.kind === 'pglite') {
      await database.pglite.transaction(async (tx) => {
        for (const [sql, params] of statements(customerId, i)) await tx.query(sql, [...params]);
      });
    } else {
      const conn = await database.pool.connect();
      try {
        await conn.query('begin');
        for (const [sql, params] of statements(customerId, i)) await conn.query(sql, [...params]);
        await conn.query('commit');
      } finally {
        conn.release();
      }
    }
    return { ok: true, ms: performance.now() - started };
  });
}
