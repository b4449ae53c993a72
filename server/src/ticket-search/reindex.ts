import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { rawRows } from '../db/raw.ts';
import { replaceSearchRows } from './search-index.ts';
import { ticketSearchRow } from './tokens.ts';

export interface ReindexProgress {
  done: number;
  total: number;
}

/**
 * Builds the search rows of tickets from what is stored (title, fields, every message), in batches
 * by ticket number so each transaction stays short and a stopped run can simply start again.
 * `missingOnly`: only tickets without a row (the backfill after the migration); otherwise all.
 */
export async function reindexTickets(
  db: Executor,
  options: { batch?: number; missingOnly?: boolean; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<number> {
  const batch = options.batch ?? 500;
  const missing = options.missingOnly
    ? sql`and not exists (select 1 from ticket_search s where s.ticket_id = t.id)`
    : sql``;
  const [count] = await rawRows<{ n: string }>(
    db,
    sql`select count(*) as n from tickets t where true ${missing}`,
  );
  const total = Number(count?.n ?? 0);
  let done = 0;
  let after = -1;
  options.onProgress?.({ done, total });
  for (;;) {
    const tickets = await rawRows<{ id: string; number: string; title: string; fields: unknown }>(
      db,
      sql`select t.id, t.number, t.title, t.fields || t.custom_fields as fields from tickets t
          where t.number > ${after} ${missing} order by t.number limit ${batch}`,
    );
    if (!tickets.length) break;
    const ids = tickets.map((t) => t.id);
    // The description is the first message; every message, notes too, as stored (already masked).
    const bodies = await rawRows<{ ticket_id: string; body: string }>(
      db,
      sql`select ticket_id, body from messages where ticket_id = any(${sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`}) order by ticket_id, seq`,
    );
    const byTicket = new Map<string, string[]>();
    for (const b of bodies) {
      const list = byTicket.get(b.ticket_id) ?? [];
      list.push(b.body);
      byTicket.set(b.ticket_id, list);
    }
    await replaceSearchRows(
      db,
      tickets.map((t) => ({
        ticketId: t.id,
        ...ticketSearchRow({
          title: t.title,
          fields: (typeof t.fields === 'string' ? JSON.parse(t.fields) : t.fields) as Record<string, unknown>,
          texts: byTicket.get(t.id) ?? [],
        }),
      })),
    );
    done += tickets.length;
    after = Number(tickets[tickets.length - 1]!.number);
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
  return done;
}
