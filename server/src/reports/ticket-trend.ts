import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { ticketEvents, tickets } from '../tickets/schema.ts';
import type { ReportFilters } from './ticket-report.ts';

export interface TrendPoint {
  /** The day (or the Monday of the week) in the chosen time zone, YYYY-MM-DD. */
  bucket: string;
  created: number;
  solved: number;
  reopened: number;
}

/** Created / solved / reopened per day or week of the period, in the viewer's time zone: the charts' series. */
export async function ticketTrend(
  db: Db,
  f: ReportFilters,
  interval: 'day' | 'week',
  timeZone: string,
): Promise<TrendPoint[]> {
  const scope = and(
    f.teamId ? eq(tickets.teamId, f.teamId) : undefined,
    f.channel ? eq(tickets.channel, f.channel) : undefined,
    f.categoryId ? eq(tickets.categoryId, f.categoryId) : undefined,
  );
  const from = f.from.toISOString();
  const to = f.to.toISOString();
  const within = (column: AnyPgColumn) =>
    sql`(${column} >= ${from}::timestamptz and ${column} < ${to}::timestamptz)`;
  const bucketOf = (column: AnyPgColumn): SQL<string> =>
    sql<string>`to_char(date_trunc(${interval}, ${column} at time zone ${timeZone}), 'YYYY-MM-DD')`;

  // Grouped by position: the bucket expression carries parameters, which PostgreSQL would not
  // recognise as the same expression when repeated in GROUP BY.
  const created = bucketOf(tickets.createdAt);
  const moved = bucketOf(ticketEvents.createdAt);
  const [c, s, r] = await Promise.all([
    db
      .select({ bucket: created, n: count() })
      .from(tickets)
      .where(and(scope, within(tickets.createdAt)))
      .groupBy(sql`1`),
    ...[
      sql`${ticketEvents.toValue} = to_jsonb('solved'::text)`,
      sql`${ticketEvents.toValue} = to_jsonb('open'::text) and ${ticketEvents.fromValue} in (to_jsonb('solved'::text), to_jsonb('closed'::text))`,
    ].map((condition) =>
      db
        .select({ bucket: moved, n: count() })
        .from(ticketEvents)
        .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
        .where(and(scope, eq(ticketEvents.kind, 'status'), within(ticketEvents.createdAt), condition))
        .groupBy(sql`1`),
    ),
  ]);
  const buckets = [...new Set([c, s, r].flatMap((rows) => rows!.map((row) => row.bucket)))].sort();
  const n = (rows: Array<{ bucket: string; n: number }> | undefined, bucket: string) =>
    rows?.find((row) => row.bucket === bucket)?.n ?? 0;
  return buckets.map((bucket) => ({
    bucket,
    created: n(c, bucket),
    solved: n(s, bucket),
    reopened: n(r, bucket),
  }));
}
