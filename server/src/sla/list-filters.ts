import { type SQL, sql } from 'drizzle-orm';
import { tickets } from '../tickets/schema.ts';
import { ticketSlaTargets as t } from './schema.ts';

export const SLA_FILTERS = ['breached', 'near', 'paused', 'ticking'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

/** The earliest due time among the ticket's ticking (or overdue) clocks: what the inbox sorts by. */
export const slaDueAt =
  sql<Date | null>`(select min(${t.dueAt}) from ${t} where ${t.ticketId} = ${tickets.id} and ${t.state} in ('running', 'breached'))`.mapWith(
    t.dueAt,
  );

/**
 * When the ticket counts as near breach: the earliest warning time (75 % of a target used,
 * clock.ts WARN_SHARE) among its running clocks. The inbox badge compares it with the time now,
 * so it and the `sla=near` filter share the server's one definition.
 */
export const slaWarnAt =
  sql<Date | null>`(select min(${t.warnAt}) from ${t} where ${t.ticketId} = ${tickets.id} and ${t.state} = 'running')`.mapWith(
    t.warnAt,
  );

/** Whether one of the ticket's clocks waits (pending / on hold): the inbox shows it as paused. */
export const slaPaused = sql<boolean>`exists (select 1 from ${t} where ${t.ticketId} = ${tickets.id} and ${t.state} = 'paused')`;

/** Tickets with a clock in that state right now (a stored due time is compared with the time of the query). */
export function slaCondition(filter: SlaFilter): SQL {
  const clock = (cond: SQL) =>
    sql`exists (select 1 from ${t} where ${t.ticketId} = ${tickets.id} and ${cond})`;
  switch (filter) {
    case 'breached':
      return clock(sql`${t.state} in ('running', 'breached') and ${t.dueAt} <= now()`);
    case 'near':
      return clock(sql`${t.state} = 'running' and ${t.warnAt} <= now() and ${t.dueAt} > now()`);
    case 'paused':
      return clock(sql`${t.state} = 'paused'`);
    case 'ticking':
      return clock(sql`${t.state} in ('running', 'breached')`);
  }
}
