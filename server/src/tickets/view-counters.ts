import { and, type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { rawRows } from '../db/raw.ts';
import type { Binder } from '../db/shaped.ts';
import {
  assigneeCondition,
  statusCondition,
  type TicketFilters,
  teamsOfAgentCondition,
} from './list-query.ts';
import { ticketViewCounts as c } from './view-count-schema.ts';

/** The filters the counters are kept by; a view with any other filter is counted from tickets. */
const COUNTER_FILTERS = new Set<keyof TicketFilters>(['status', 'teamId', 'teamsOfAgent', 'assignee']);

/** Whether the counters answer this view exactly (no filter but status, team and assignee). */
export function countersAnswer(filters: TicketFilters): boolean {
  for (const [key, value] of Object.entries(filters)) {
    // Any other filter, even an empty list (an empty `teamIds` means no ticket), counts tickets.
    if (value === undefined) continue;
    if (!COUNTER_FILTERS.has(key as keyof TicketFilters)) return false;
  }
  return true;
}

/**
 * The view's exact count as a sum over the counter rows of its (status, team, assignee) groups —
 * a few hundred small rows, whatever the number of tickets — with the conditions the list puts on
 * the tickets' own columns.
 */
export function counterSum(filters: TicketFilters, b: Binder): SQL {
  const where: SQL[] = [];
  if (filters.status?.length) where.push(statusCondition(c.status, filters.status, b));
  if (filters.teamId) where.push(sql`${c.teamId} = ${b.value('team', filters.teamId)}`);
  if (filters.teamsOfAgent) where.push(teamsOfAgentCondition(c.teamId, filters.teamsOfAgent, b));
  if (filters.assignee) where.push(assigneeCondition(c.assigneeId, filters.assignee, b));
  return sql`(select coalesce(sum(${c.n}), 0) from ${c} where ${where.length ? and(...where) : sql`true`})`;
}

/**
 * Folds every backend's slot into slot 0 and drops groups that came to nothing, so the table stays
 * at about one row per group. Rows a writer holds at this moment are skipped (SKIP LOCKED) and
 * folded next time: the fold never waits on a writer, and a writer waits on the fold only for the
 * rows it deletes, which no other fold touches (one fold at a time, by an advisory lock).
 */
export async function foldViewCountSlots(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [lock] = await rawRows<{ got: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as got`,
    );
    if (!lock?.got) return;
    await tx.execute(sql`
      with gone as (
        delete from ticket_view_counts where ctid in (
          select ctid from ticket_view_counts where slot <> 0 for update skip locked)
        returning status, team_id, assignee_id, n),
      sums as (select status, team_id, assignee_id, sum(n) as n from gone group by 1, 2, 3)
      insert into ticket_view_counts as k (status, team_id, assignee_id, slot, n)
      select status, team_id, assignee_id, 0, n from sums order by 1, 2, 3
      on conflict on constraint ticket_view_counts_key do update set n = k.n + excluded.n`);
    await tx.execute(sql`delete from ticket_view_counts where slot = 0 and n = 0`);
  });
}

/**
 * Counts every ticket again into slot 0: after a bulk load that bypassed the trigger (COPY with
 * triggers off), or to check the counters against the tickets.
 */
export async function recountViewCounts(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table tickets in share mode`);
    await tx.execute(sql`delete from ticket_view_counts`);
    await tx.execute(sql`
      insert into ticket_view_counts (status, team_id, assignee_id, slot, n)
      select status, team_id, assignee_id, 0, count(*) from tickets group by 1, 2, 3`);
  });
}

/** A group whose counter differs from the tickets' own count. */
export interface CounterDrift {
  status: string;
  teamId: string | null;
  assigneeId: string | null;
  counted: number;
  real: number;
}

/** Every (status, team, assignee) whose counter differs from the tickets' count; none when true. */
export async function viewCountDrift(db: Db): Promise<CounterDrift[]> {
  const rows = await rawRows<Record<keyof CounterDrift, string | null>>(
    db,
    sql`
    with counted as (
      select status, team_id, assignee_id, sum(n) as n from ticket_view_counts group by 1, 2, 3),
    real as (select status, team_id, assignee_id, count(*) as n from tickets group by 1, 2, 3)
    select coalesce(c.status, r.status) as "status", coalesce(c.team_id, r.team_id) as "teamId",
           coalesce(c.assignee_id, r.assignee_id) as "assigneeId",
           coalesce(c.n, 0) as "counted", coalesce(r.n, 0) as "real"
    from counted c full join real r
      on c.status = r.status and c.team_id is not distinct from r.team_id
     and c.assignee_id is not distinct from r.assignee_id
    where coalesce(c.n, 0) <> coalesce(r.n, 0)`,
  );
  return rows.map((r) => ({
    status: r.status ?? '',
    teamId: r.teamId,
    assigneeId: r.assigneeId,
    counted: Number(r.counted),
    real: Number(r.real),
  }));
}

/** How many tickets a drift places wrongly: the sum of each group's difference. */
export function misplacedTickets(drift: CounterDrift[]): number {
  return drift.reduce((sum, d) => sum + Math.abs(d.counted - d.real), 0);
}

/** An arbitrary, fixed key of the fold's advisory lock ("kefu view counts"). */
const FOLD_LOCK = 0x6b_76_63;
const FOLD_EVERY_MS = 60_000;

/** Each node folds the slots every minute; folds on several nodes take turns by the lock. */
export function viewCountHousekeeping(db: Db, logger: Logger) {
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      timer = setInterval(() => {
        foldViewCountSlots(db).catch((err) => logger.warn({ err }, 'folding the view counters failed'));
      }, FOLD_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
