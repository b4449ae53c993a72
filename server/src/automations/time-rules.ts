import { and, asc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import { ticketSlaTargets } from '../sla/schema.ts';
import type { TicketStatus } from '../tickets/model.ts';
import { ticketEvents, tickets } from '../tickets/schema.ts';
import { type Actor, recordEvent } from '../tickets/timeline.ts';
import { applyPlan, loadActionTicket, planActions } from './actions.ts';
import { conditionsHold } from './conditions.ts';
import { timeRuleFirings, timeRules } from './time-schema.ts';
import { leastWaitMs, statusDueAt, teamCalendar } from './time-when.ts';
import { conditionFacts } from './trigger-context.ts';

export type TimeRuleRow = typeof timeRules.$inferSelect;

/**
 * Asks for a scan of the time rules. Every node asks once a minute and any node may run it, any
 * number of times at once: the firing rows make extra scans harmless.
 */
export const timeScanJob = defineJob<{ at?: string }>({
  name: 'automations.time-scan',
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 120,
});

const SCAN_EVERY_MS = 60_000;
/** Tickets looked at per rule and scan, oldest first; the rest wait for the next minute. */
const SCAN_BATCH = 1000;

/** A ticket a rule is due for: which period of it (`occurrence`), and since when it is due. */
export interface DueTicket {
  ticketId: string;
  occurrence: string;
  dueAt: Date;
}

// Spelled out: drizzle writes a bare "id" in a one-table select, which the subquery would take
// for its own row's id.
const TICKET_ID = sql.raw('"tickets"."id"');

/** The place in the history of the ticket's last status change; 0 when it has had none. */
const lastStatusSeq = sql<number>`coalesce((select max(e.seq) from ${ticketEvents} e
  where e.ticket_id = ${TICKET_ID} and e.kind = 'status' and e.merged_from is null), 0)`;
const lastStatusAt = sql<Date | string>`coalesce((select e.created_at from ${ticketEvents} e
  where e.ticket_id = ${TICKET_ID} and e.kind = 'status' and e.merged_from is null order by e.seq desc limit 1), "tickets"."created_at")`;

function firedAlready(ruleId: string, occurrence: ReturnType<typeof sql>) {
  return sql`not exists (select 1 from ${timeRuleFirings} f where f.rule_id = ${ruleId}
    and f.ticket_id = ${TICKET_ID} and f.occurrence = ${occurrence})`;
}

/** The tickets a rule is due for at `now` and has not fired on for that occurrence. */
export async function dueTickets(
  ex: Executor,
  rule: Pick<TimeRuleRow, 'id' | 'when'>,
  now: Date,
  calendars: Map<string, BusinessCalendar> = new Map(),
  /** Only this ticket (the re-check inside a firing). */
  ticketId?: string,
): Promise<DueTicket[]> {
  const when = rule.when;
  const only = ticketId ? eq(tickets.id, ticketId) : undefined;
  if (when.type === 'status_for') {
    const occurrence = sql`'status:' || ${lastStatusSeq}`;
    const rows = await ex
      .select({ id: tickets.id, teamId: tickets.teamId, seq: lastStatusSeq, since: lastStatusAt })
      .from(tickets)
      .where(
        and(
          eq(tickets.status, when.status as TicketStatus),
          isNull(tickets.mergedIntoId),
          only,
          sql`${lastStatusAt} <= ${new Date(now.getTime() - leastWaitMs(when)).toISOString()}::timestamptz`,
          firedAlready(rule.id, occurrence),
        ),
      )
      .orderBy(asc(lastStatusAt))
      .limit(SCAN_BATCH);
    const out: DueTicket[] = [];
    for (const row of rows) {
      const cal = await teamCalendar(ex, row.teamId, calendars);
      const dueAt = statusDueAt(when, cal, new Date(row.since));
      if (dueAt && dueAt <= now) out.push({ ticketId: row.id, occurrence: `status:${row.seq}`, dueAt });
    }
    return out;
  }
  const occurrence = sql`'sla:' || ${ticketSlaTargets.metric} || '@' ||
    (extract(epoch from ${ticketSlaTargets.dueAt}) * 1000)::bigint`;
  const rows = await ex
    .select({ id: tickets.id, metric: ticketSlaTargets.metric, dueAt: ticketSlaTargets.dueAt })
    .from(ticketSlaTargets)
    .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
    .where(
      and(
        inArray(ticketSlaTargets.state, ['running', 'breached']),
        lte(ticketSlaTargets.dueAt, new Date(now.getTime() + when.minutesBefore * 60_000)),
        when.metrics?.length ? inArray(ticketSlaTargets.metric, when.metrics) : undefined,
        notInArray(tickets.status, ['solved', 'closed']),
        isNull(tickets.mergedIntoId),
        only,
        firedAlready(rule.id, occurrence),
      ),
    )
    .orderBy(asc(ticketSlaTargets.dueAt))
    .limit(SCAN_BATCH);
  return rows.map((r) => ({
    ticketId: r.id,
    occurrence: `sla:${r.metric}@${r.dueAt!.getTime()}`,
    dueAt: r.dueAt!,
  }));
}

/**
 * Fires one rule on one ticket in one transaction: the ticket row is locked (as every write of
 * it does), the ticket looked at again (still in that period, not fired on, conditions hold),
 * the firing row inserted (the unique key is the last guard: a node that loses a race inserts
 * nothing and stops), then the history row and the actions. Returns whether it fired.
 */
export async function fireTimeRule(
  services: Pick<Services, 'db' | 'jobs'>,
  rule: TimeRuleRow,
  due: DueTicket,
  now: Date,
): Promise<boolean> {
  return services.db.transaction(async (tx) => {
    await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, due.ticketId)).for('update');
    const still = await dueTickets(tx, rule, now, new Map(), due.ticketId);
    if (!still.some((d) => d.occurrence === due.occurrence)) return false;
    const facts = await conditionFacts(tx, due.ticketId, { actorType: 'system', messageId: null }, now);
    if (!facts || !conditionsHold(rule.match, rule.conditions, facts)) return false;
    const first = await tx
      .insert(timeRuleFirings)
      .values({ ruleId: rule.id, ticketId: due.ticketId, occurrence: due.occurrence })
      .onConflictDoNothing()
      .returning({ ruleId: timeRuleFirings.ruleId });
    if (first.length === 0) return false;
    const ticket = await loadActionTicket(tx, due.ticketId);
    if (!ticket) return false;
    const actor: Actor = {
      actorType: 'system',
      actorId: null,
      automation: { ruleId: rule.id, ruleName: rule.name, chain: [] },
    };
    await recordEvent(tx, ticket.id, actor, 'automation_fired', null, {
      ruleId: rule.id,
      name: rule.name,
      when: rule.when,
      occurrence: due.occurrence,
      dueAt: due.dueAt.toISOString(),
    });
    const plan = await planActions(tx, ticket, rule.actions, { agentId: null });
    await applyPlan(tx, services.jobs, ticket, plan, actor);
    await tx
      .update(timeRules)
      .set({ fireCount: sql`${timeRules.fireCount} + 1`, lastFiredAt: now })
      .where(eq(timeRules.id, rule.id));
    return true;
  });
}

/**
 * One scan: every active rule, in order, over the tickets it is due for. Any node may run it at
 * any time, several at once; each (rule, ticket, occurrence) fires once.
 */
export async function runTimeRules(
  services: Pick<Services, 'db' | 'jobs'>,
  now: Date = new Date(),
): Promise<{ fired: number }> {
  const rules = await activeTimeRules(services.db);
  const calendars = new Map<string, BusinessCalendar>();
  let fired = 0;
  for (const rule of rules) {
    for (const due of await dueTickets(services.db, rule, now, calendars)) {
      if (await fireTimeRule(services, rule, due, now)) fired++;
    }
  }
  return { fired };
}

export function activeTimeRules(db: Db): Promise<TimeRuleRow[]> {
  return db
    .select()
    .from(timeRules)
    .where(eq(timeRules.active, true))
    .orderBy(asc(timeRules.position), asc(timeRules.createdAt));
}

/** Handles scans, and asks for one every minute while the app runs. */
export function registerTimeRuleJobs(services: Services) {
  const { jobs, logger } = services;
  // The time of the run, not of the ask: a scan that waited in the queue looks at the present.
  jobs.handle(timeScanJob, async () => {
    const result = await runTimeRules(services);
    if (result.fired) logger.info(result, 'time rules fired');
  });
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      timer = setInterval(() => {
        jobs
          .send(timeScanJob, { at: new Date().toISOString() })
          .catch((err) => logger.warn({ err }, 'time rule scan not queued'));
      }, SCAN_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
