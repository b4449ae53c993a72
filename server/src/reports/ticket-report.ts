import { and, avg, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Durations, TicketReportRow } from '../../../shared/report-types.ts';
import { csatRatings } from '../csat/schema.ts';
import type { Db } from '../db/client.ts';
import { teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { ticketSlaTargets } from '../sla/schema.ts';
import { respondedBy, solvedBy } from '../tickets/attribution.ts';
import type { Channel } from '../tickets/model.ts';
import { ticketEvents, tickets } from '../tickets/schema.ts';

export interface ReportFilters {
  from: Date;
  to: Date;
  teamId?: string;
  channel?: Channel;
  categoryId?: string;
}
export type GroupBy = 'total' | 'team' | 'agent';

export type { Durations, TicketReportRow };

/**
 * Ticket figures for a period, per team (the ticket's current team) or per agent, credited from
 * the history to who did the work (tickets/attribution.ts): a solution and the resolution clock
 * to the agent who solved it, a reopening to the agent whose solution it undid, the first / next
 * response to the agent who replied, a rating to the agent who solved the ticket; a clock still
 * running or overdue, and the created count, to the current assignee.
 * Volumes come from the tickets and their status history; durations are the business time the
 * SLA clocks counted (median and p90); attainment counts clocks stopped in the period in time
 * (met) against those stopped or overdue in it; CSAT counts ratings given or changed in it.
 */
export async function ticketReport(db: Db, f: ReportFilters, groupBy: GroupBy): Promise<TicketReportRow[]> {
  /** The row a figure counts in; `byAgent` says which agent did the work it measures. */
  const keyOf = (byAgent: SQL<string | null>): SQL<string | null> =>
    groupBy === 'team'
      ? sql<string | null>`${tickets.teamId}::text`
      : groupBy === 'agent'
        ? byAgent
        : sql<string | null>`cast('total' as text)`;
  const key = keyOf(sql<string | null>`${tickets.assigneeId}::text`);
  const scope = and(
    f.teamId ? eq(tickets.teamId, f.teamId) : undefined,
    f.channel ? eq(tickets.channel, f.channel) : undefined,
    f.categoryId ? eq(tickets.categoryId, f.categoryId) : undefined,
  );
  const from = f.from.toISOString();
  const to = f.to.toISOString();
  const within = (column: SQL | AnyPgColumn) =>
    sql`(${column} >= ${from}::timestamptz and ${column} < ${to}::timestamptz)`;

  const created = db
    .select({ key, n: count() })
    .from(tickets)
    .where(and(scope, within(tickets.createdAt)))
    .groupBy(key);
  const statusMoves = (condition: SQL, by: SQL<string | null>) => {
    const k = keyOf(by);
    return db
      .select({ key: k, n: count() })
      .from(ticketEvents)
      .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
      .where(and(scope, eq(ticketEvents.kind, 'status'), within(ticketEvents.createdAt), condition))
      .groupBy(k);
  };
  const solved = statusMoves(
    sql`${ticketEvents.toValue} = to_jsonb('solved'::text)`,
    sql<string | null>`case when ${ticketEvents.actorType} = 'agent' and ${ticketEvents.actorId} is not null
      then ${ticketEvents.actorId}::text else ${tickets.assigneeId}::text end`,
  );
  // Undone in the moment of reopening: credited to whoever had solved it last before.
  const reopened = statusMoves(
    sql`${ticketEvents.toValue} = to_jsonb('open'::text) and ${ticketEvents.fromValue} in (to_jsonb('solved'::text), to_jsonb('closed'::text))`,
    solvedBy(ticketEvents.createdAt),
  );
  // A stopped clock belongs to who stopped it (the reply, the solution); a running one to the holder.
  const clockKey = keyOf(sql<string | null>`case
    when ${ticketSlaTargets.state} not in ('met', 'missed') then ${tickets.assigneeId}::text
    when ${ticketSlaTargets.metric} = 'resolution' then ${solvedBy(ticketSlaTargets.stoppedAt)}
    else ${respondedBy(ticketSlaTargets.stoppedAt)} end`);
  const durations = (metric: 'first_response' | 'resolution') =>
    db
      .select({
        key: clockKey,
        n: count(),
        median: sql<
          number | null
        >`percentile_cont(0.5) within group (order by ${ticketSlaTargets.elapsedMs})`.mapWith(Number),
        p90: sql<
          number | null
        >`percentile_cont(0.9) within group (order by ${ticketSlaTargets.elapsedMs})`.mapWith(Number),
      })
      .from(ticketSlaTargets)
      .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
      .where(
        and(
          scope,
          eq(ticketSlaTargets.metric, metric),
          inArray(ticketSlaTargets.state, ['met', 'missed']),
          within(ticketSlaTargets.stoppedAt),
        ),
      )
      .groupBy(clockKey);
  const attainment = db
    .select({
      key: clockKey,
      total: count(),
      met: sql<number>`count(*) filter (where ${ticketSlaTargets.state} = 'met')`.mapWith(Number),
    })
    .from(ticketSlaTargets)
    .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
    .where(
      and(
        scope,
        or(
          and(inArray(ticketSlaTargets.state, ['met', 'missed']), within(ticketSlaTargets.stoppedAt)),
          and(
            inArray(ticketSlaTargets.state, ['running', 'breached']),
            within(ticketSlaTargets.dueAt),
            sql`${ticketSlaTargets.dueAt} <= now()`,
          ),
        ),
      ),
    )
    .groupBy(clockKey);
  const csatKey = keyOf(solvedBy(csatRatings.updatedAt));
  const csat = db
    .select({
      key: csatKey,
      n: count(),
      average: avg(csatRatings.score).mapWith(Number),
      satisfied: sql<number>`count(*) filter (where ${csatRatings.score} >= 4)`.mapWith(Number),
    })
    .from(csatRatings)
    .innerJoin(tickets, eq(tickets.id, csatRatings.ticketId))
    .where(and(scope, within(csatRatings.updatedAt)))
    .groupBy(csatKey);

  const [c, s, r, fr, res, att, sat] = await Promise.all([
    created,
    solved,
    reopened,
    durations('first_response'),
    durations('resolution'),
    attainment,
    csat,
  ]);
  const keys = new Set([c, s, r, fr, res, att, sat].flatMap((rows) => rows.map((row) => row.key)));
  const names = await namesOf(
    db,
    groupBy,
    [...keys].filter((k): k is string => k !== null),
  );
  const minutes = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : Math.round(ms / 600) / 100;
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
  const rows = [...keys].map((k): TicketReportRow => {
    const find = <T extends { key: string | null }>(list: T[]) => list.find((row) => row.key === k);
    const d = (row: { n: number; median: number | null; p90: number | null } | undefined): Durations => ({
      count: row?.n ?? 0,
      medianMinutes: minutes(row?.median),
      p90Minutes: minutes(row?.p90),
    });
    const a = find(att);
    const rating = find(sat);
    return {
      key: k,
      name: k === null ? (groupBy === 'agent' ? '(unassigned)' : '(no team)') : (names.get(k) ?? k),
      created: find(c)?.n ?? 0,
      solved: find(s)?.n ?? 0,
      reopened: find(r)?.n ?? 0,
      firstResponse: d(find(fr)),
      resolution: d(find(res)),
      sla: { met: a?.met ?? 0, total: a?.total ?? 0, attainment: ratio(a?.met ?? 0, a?.total ?? 0) },
      csat: {
        count: rating?.n ?? 0,
        average: rating ? Math.round(rating.average * 100) / 100 : null,
        satisfiedShare: ratio(rating?.satisfied ?? 0, rating?.n ?? 0),
      },
    };
  });
  return rows.sort((x, y) => x.name.localeCompare(y.name));
}

export async function namesOf(db: Db, groupBy: GroupBy, ids: string[]): Promise<Map<string, string>> {
  if (groupBy === 'total') return new Map([['total', 'Total 合计']]);
  if (ids.length === 0) return new Map();
  const rows =
    groupBy === 'team'
      ? await db
          .select({ id: teams.id, name: sql<string>`${teams.nameZh} || ' ' || ${teams.nameEn}` })
          .from(teams)
          .where(inArray(teams.id, ids))
      : await db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
