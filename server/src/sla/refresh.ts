import { and, asc, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Channel, Priority } from '../tickets/model.ts';
import { messages, ticketEvents, tickets } from '../tickets/schema.ts';
import { ALWAYS, type BusinessCalendar } from './calendar.ts';
import { type ClockReading, readClocks, type TicketHistory } from './clock.ts';
import { slaCalendarDays, slaCalendars, slaPolicies, ticketSlaTargets } from './schema.ts';

export type Policy = typeof slaPolicies.$inferSelect;
type CalendarRow = typeof slaCalendars.$inferSelect;

/** First active policy, by position, whose every non-empty condition matches; null when none. */
export function choosePolicy(
  policies: readonly Policy[],
  ticket: { categoryId: string | null; priority: Priority; channel: Channel },
): Policy | null {
  const ordered = [...policies].filter((p) => p.active).sort((a, b) => a.position - b.position);
  return (
    ordered.find(
      (p) =>
        (p.categoryIds.length === 0 ||
          (ticket.categoryId !== null && p.categoryIds.includes(ticket.categoryId))) &&
        (p.priorities.length === 0 || p.priorities.includes(ticket.priority)) &&
        (p.channels.length === 0 || p.channels.includes(ticket.channel)),
    ) ?? null
  );
}

/** The calendar a policy counts in: its own, else the ticket's team's, else the desk's default. */
export async function loadCalendar(
  tx: Executor,
  policy: Policy,
  teamId: string | null,
): Promise<BusinessCalendar> {
  if (!policy.businessTime) return ALWAYS;
  const rows = await tx
    .select()
    .from(slaCalendars)
    .where(
      or(
        policy.calendarId ? eq(slaCalendars.id, policy.calendarId) : undefined,
        teamId ? eq(slaCalendars.teamId, teamId) : undefined,
        eq(slaCalendars.isDefault, true),
      ),
    );
  const row = chooseCalendar(rows, policy, teamId);
  if (!row) return ALWAYS;
  return calendarFromRow(tx, row);
}

/** A stored calendar with its admin-entered days, ready for the calendar arithmetic. */
export async function calendarFromRow(
  tx: Executor,
  row: typeof slaCalendars.$inferSelect,
): Promise<BusinessCalendar> {
  const days = await tx
    .select({ day: slaCalendarDays.day, kind: slaCalendarDays.kind })
    .from(slaCalendarDays)
    .where(eq(slaCalendarDays.calendarId, row.id));
  return businessCalendar(row, days);
}

/** Of the candidate calendars: the policy's own, else the team's, else the default; null when none. */
export function chooseCalendar(
  rows: readonly CalendarRow[],
  policy: Policy,
  teamId: string | null,
): CalendarRow | null {
  return (
    rows.find((r) => r.id === policy.calendarId) ??
    rows.find((r) => teamId !== null && r.teamId === teamId) ??
    rows.find((r) => r.isDefault) ??
    null
  );
}

export function businessCalendar(
  row: CalendarRow,
  days: ReadonlyArray<{ day: string; kind: 'off' | 'work' }>,
): BusinessCalendar {
  return {
    timeZone: row.timeZone,
    weekly: row.weekly as BusinessCalendar['weekly'],
    holidaySource: row.holidaySource,
    days: new Map(days.map((d) => [d.day, d.kind])),
  };
}

/** The history the clocks read: status changes and public messages, oldest first. */
export async function loadHistory(tx: Executor, ticketId: string, createdAt: Date): Promise<TicketHistory> {
  // One after the other: both run on the caller's transaction, whose one connection cannot run two
  // statements at once (node-postgres deprecates queuing them with Promise.all).
  const events = await tx
    .select({ at: ticketEvents.createdAt, to: ticketEvents.toValue })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.kind, 'status'),
        // Status changes carried over from a merged ticket were that ticket's, not this one's.
        isNull(ticketEvents.mergedFrom),
      ),
    )
    .orderBy(asc(ticketEvents.seq));
  const thread = await tx
    .select({ at: messages.createdAt, author: messages.authorType })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.visibility, 'public')))
    .orderBy(asc(messages.seq));
  let ordered = thread;
  let start = createdAt.getTime();
  // A merged ticket's thread follows the survivor's (tickets/merge-tickets.ts) and may be older:
  // the clocks then read the threads in time order and count from the oldest opening, so a merge
  // neither resets a customer's wait nor forgets an answer given on the other ticket.
  if (thread.some((m, i) => i > 0 && m.at < thread[i - 1]!.at)) {
    ordered = [...thread].sort((a, b) => +a.at - +b.at);
    start = Math.min(start, ordered[0]!.at.getTime());
  }
  // Bot and system messages are not a human answer; integrations answer for the desk.
  // The first message is the opening description, whoever wrote it (staff may open for a customer).
  const publicMessages = ordered
    .slice(1)
    .filter((m) => m.author === 'customer' || m.author === 'agent' || m.author === 'integration')
    .map((m) => ({
      at: m.at.getTime(),
      by: m.author === 'customer' ? ('customer' as const) : ('staff' as const),
    }));
  return {
    createdAt: start,
    statusChanges: events.map((e) => ({
      at: e.at.getTime(),
      to: e.to as TicketHistory['statusChanges'][0]['to'],
    })),
    publicMessages,
  };
}

/** Computes a ticket's clocks as of `now` from its policy, calendar and history. */
export async function computeTicketSla(
  tx: Executor,
  ticketId: string,
  now: Date,
): Promise<{ policy: Policy | null; readings: ClockReading[] }> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!ticket) return { policy: null, readings: [] };
  const policy = choosePolicy(await tx.select().from(slaPolicies), ticket);
  if (!policy) return { policy: null, readings: [] };
  const calendar = await loadCalendar(tx, policy, ticket.teamId);
  const history = await loadHistory(tx, ticketId, ticket.createdAt);
  return { policy, readings: readClocks(calendar, policy, history, now.getTime()) };
}

/**
 * Recomputes and stores a ticket's due times. Called inside the transaction of every change that
 * moves a clock (status, category, priority, a message). A warning already sent stays sent unless
 * the due time moved later (the clock paused, or the target grew): then it may fire again.
 * A new ticket's clocks are written by its insert instead (new-ticket.ts).
 */
export async function refreshTicketSla(
  tx: Executor,
  ticketId: string,
  now: Date = new Date(),
): Promise<void> {
  const { policy, readings } = await computeTicketSla(tx, ticketId, now);
  const metrics = readings.map((r) => r.metric);
  await tx
    .delete(ticketSlaTargets)
    .where(
      and(
        eq(ticketSlaTargets.ticketId, ticketId),
        metrics.length ? notInArray(ticketSlaTargets.metric, metrics) : undefined,
      ),
    );
  for (const r of readings) {
    const values = targetValues(policy!, r, now);
    const [previous] = await tx
      .select()
      .from(ticketSlaTargets)
      .where(and(eq(ticketSlaTargets.ticketId, ticketId), eq(ticketSlaTargets.metric, r.metric)));
    if (!previous) {
      await tx.insert(ticketSlaTargets).values({ ticketId, metric: r.metric, ...values });
      continue;
    }
    // A new cycle (next response) or a later due time re-arms the warnings.
    const rearm =
      previous.startedAt.getTime() !== r.startedAt ||
      (r.state === 'running' &&
        previous.dueAt !== null &&
        r.dueAt !== null &&
        r.dueAt > previous.dueAt.getTime());
    await tx
      .update(ticketSlaTargets)
      .set({ ...values, ...(rearm ? { nearNotifiedAt: null, breachNotifiedAt: null } : {}) })
      .where(and(eq(ticketSlaTargets.ticketId, ticketId), eq(ticketSlaTargets.metric, r.metric)));
  }
  await storeClockSummary(tx, ticketId, readings);
}

/**
 * Keeps the ticket's summary of its clocks (tickets.sla_due_at, sla_warn_at, sla_paused: this
 * subscriber's columns) equal to the clocks just stored, so the inbox's SLA sort is an index range
 * and its SLA filters and badges read the ticket's own row. Written only when it moved: most
 * recomputes leave it as it was.
 */
async function storeClockSummary(
  tx: Executor,
  ticketId: string,
  readings: readonly ClockReading[],
): Promise<void> {
  const summary = clockSummary(readings);
  const at = (d: Date | null) => (d === null ? null : d.toISOString());
  await tx
    .update(tickets)
    .set(summary)
    .where(
      and(
        eq(tickets.id, ticketId),
        sql`(${tickets.slaDueAt}, ${tickets.slaWarnAt}, ${tickets.slaPaused}) is distinct from
            (${at(summary.slaDueAt)}::timestamptz, ${at(summary.slaWarnAt)}::timestamptz, ${summary.slaPaused})`,
      ),
    );
}

/**
 * What the ticket's row says of its clocks: the earliest due time of the ticking ones (running or
 * breached), the earliest warning time of the running ones, whether one waits. The new ticket's
 * insert (tickets/create-ticket.ts) computes the same from the clocks it starts with.
 */
export function clockSummary(
  clocks: ReadonlyArray<{ state: string; dueAt: number | Date | null; warnAt: number | Date | null }>,
) {
  let due: number | null = null;
  let warn: number | null = null;
  let paused = false;
  for (const c of clocks) {
    const dueAt = c.dueAt === null ? null : +c.dueAt;
    const warnAt = c.warnAt === null ? null : +c.warnAt;
    if ((c.state === 'running' || c.state === 'breached') && dueAt !== null && (due === null || dueAt < due))
      due = dueAt;
    if (c.state === 'running' && warnAt !== null && (warn === null || warnAt < warn)) warn = warnAt;
    if (c.state === 'paused') paused = true;
  }
  return {
    slaDueAt: due === null ? null : new Date(due),
    slaWarnAt: warn === null ? null : new Date(warn),
    slaPaused: paused,
  };
}

export function targetValues(policy: Policy, r: ClockReading, now: Date) {
  return {
    policyId: policy.id,
    state: r.state,
    targetMs: r.targetMs,
    elapsedMs: r.elapsedMs,
    leftMs: r.leftMs,
    dueAt: r.dueAt === null ? null : new Date(r.dueAt),
    warnAt: r.warnAt === null ? null : new Date(r.warnAt),
    startedAt: new Date(r.startedAt),
    stoppedAt: r.stoppedAt === null ? null : new Date(r.stoppedAt),
    computedAt: now,
  };
}
