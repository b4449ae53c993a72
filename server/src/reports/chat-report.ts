import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { chatSessions } from '../chat/schema.ts';
import type { Db } from '../db/client.ts';
import { helpDeflections } from '../help/schema.ts';
import { tickets } from '../tickets/schema.ts';
import { type GroupBy, namesOf, type ReportFilters } from './ticket-report.ts';

export interface ChatReportRow {
  key: string | null;
  name: string;
  /** Chats started in the period. */
  chats: number;
  /** Ended by the bot's answers alone: the customer never asked for a person. */
  botResolved: number;
  /** Handed to a person (queued or assigned). */
  handedOff: number;
  /** Left the queue before a person took them. */
  abandoned: number;
  /** Seconds from joining the queue to a person taking the chat. */
  queueWait: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  /** Help-center suggestions that ended a customer's attempt to contact us (total row only). */
  deflections: number | null;
}

/**
 * Live-chat figures over `chat_sessions` for a period: volume, bot resolution, handoffs, abandoned
 * chats and queue waits, per team or agent; help-center deflection on the total row.
 */
export async function chatReport(db: Db, filters: ReportFilters, groupBy: GroupBy): Promise<ChatReportRow[]> {
  const where: SQL[] = [gte(chatSessions.createdAt, filters.from), lt(chatSessions.createdAt, filters.to)];
  if (filters.teamId) where.push(eq(chatSessions.teamId, filters.teamId));
  if (filters.categoryId) where.push(eq(tickets.categoryId, filters.categoryId));
  const key =
    groupBy === 'team'
      ? sql<string | null>`${chatSessions.teamId}`
      : groupBy === 'agent'
        ? sql<string | null>`${chatSessions.agentId}`
        : sql<string | null>`'total'`;
  const wait = sql`extract(epoch from ${chatSessions.assignedAt} - ${chatSessions.queuedAt})`;
  const query = db
    .select({
      key,
      chats: sql<number>`count(*)::int`,
      botResolved: sql<number>`count(*) filter (where ${chatSessions.endedAt} is not null and ${chatSessions.queuedAt} is null and ${chatSessions.assignedAt} is null)::int`,
      handedOff: sql<number>`count(*) filter (where ${chatSessions.queuedAt} is not null or ${chatSessions.assignedAt} is not null)::int`,
      abandoned: sql<number>`count(*) filter (where ${chatSessions.queuedAt} is not null and ${chatSessions.assignedAt} is null and ${chatSessions.endedAt} is not null)::int`,
      waitCount: sql<number>`count(${wait})::int`,
      waitMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${wait})`,
      waitP90: sql<number | null>`percentile_cont(0.9) within group (order by ${wait})`,
    })
    .from(chatSessions)
    .innerJoin(tickets, eq(tickets.id, chatSessions.ticketId))
    .where(and(...where));
  // The total is one aggregate over everything (PostgreSQL refuses to group by a constant).
  const rows = groupBy === 'total' ? await query : await query.groupBy(key);
  const names = await namesOf(
    db,
    groupBy,
    rows.map((r) => r.key).filter((k): k is string => k !== null),
  );
  const deflections =
    groupBy === 'total'
      ? ((
          await db
            .select({ n: sql<number>`count(*)::int` })
            .from(helpDeflections)
            .where(
              and(gte(helpDeflections.createdAt, filters.from), lt(helpDeflections.createdAt, filters.to)),
            )
        )[0]?.n ?? 0)
      : null;
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return rows
    .map((r) => ({
      key: r.key,
      name:
        r.key === null ? (groupBy === 'agent' ? '(unassigned)' : '(no team)') : (names.get(r.key) ?? r.key),
      chats: r.chats,
      botResolved: r.botResolved,
      handedOff: r.handedOff,
      abandoned: r.abandoned,
      queueWait: { count: r.waitCount, medianSeconds: round(r.waitMedian), p90Seconds: round(r.waitP90) },
      deflections,
    }))
    .sort((x, y) => x.name.localeCompare(y.name));
}
