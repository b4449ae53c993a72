import type { TicketStatus } from '../tickets/model.ts';
import { addBusinessMs, type BusinessCalendar, businessMsBetween } from './calendar.ts';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * running: the clock ticks and the due time is ahead; breached: it ticks and the due time is past;
 * paused: waiting on the customer or a third party; met / missed: stopped, in time or late.
 */
export type ClockState = 'running' | 'breached' | 'paused' | 'met' | 'missed';

/** What the clocks need to know about a ticket; times are epoch milliseconds, in order. */
export interface TicketHistory {
  createdAt: number;
  statusChanges: ReadonlyArray<{ at: number; to: TicketStatus }>;
  publicMessages: ReadonlyArray<{ at: number; by: 'customer' | 'staff' }>;
}

export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export interface ClockReading {
  metric: SlaMetric;
  state: ClockState;
  targetMs: number;
  /** Working time counted so far (up to `now`, or to the stop). */
  elapsedMs: number;
  /** Working time left; negative once breached. */
  leftMs: number;
  /** When it is (or was) due; null while paused or when stopped in time. */
  dueAt: number | null;
  /** When three quarters of the target will have been used: the near-breach warning. */
  warnAt: number | null;
  startedAt: number;
  stoppedAt: number | null;
}

/** Share of the target after which a ticket counts as near breach. */
export const WARN_SHARE = 0.75;

/** Statuses in which the clocks tick; pending and on_hold pause them, solved/closed stop them. */
const TICKING: ReadonlySet<TicketStatus> = new Set(['new', 'open']);
const DONE: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

type Span = [start: number, end: number | null];

/** Spans of [from, to) during which the ticket's status made the clocks tick; null `to` = open-ended. */
function tickingSpans(history: TicketHistory, from: number, to: number | null): Span[] {
  const timeline: Array<{ at: number; status: TicketStatus }> = [{ at: history.createdAt, status: 'new' }];
  for (const c of history.statusChanges) timeline.push({ at: c.at, status: c.to });
  const spans: Span[] = [];
  for (let i = 0; i < timeline.length; i++) {
    const entry = timeline[i]!;
    if (!TICKING.has(entry.status)) continue;
    const next = timeline[i + 1]?.at ?? null;
    const start = Math.max(entry.at, from);
    const end = next === null ? to : to === null ? next : Math.min(next, to);
    if (end === null || end > start) spans.push([start, end]);
  }
  return spans;
}

function firstAfter<T extends { at: number }>(
  items: ReadonlyArray<T>,
  after: number,
  test: (t: T) => boolean,
) {
  return items.find((item) => item.at >= after && test(item))?.at ?? null;
}

function read(
  cal: BusinessCalendar,
  metric: SlaMetric,
  history: TicketHistory,
  minutes: number,
  startedAt: number,
  stoppedAt: number | null,
  now: number,
): ClockReading {
  const targetMs = minutes * 60_000;
  const spans = tickingSpans(history, startedAt, stoppedAt);
  const ticking = stoppedAt === null && spans.at(-1)?.[1] === null;
  const closed = spans.map(([s, e]): [number, number] => [s, e ?? now]);
  const elapsedMs = closed.reduce((sum, [s, e]) => sum + businessMsBetween(cal, s, e), 0);
  const leftMs = targetMs - elapsedMs;
  const crossing = (budget: number): number | null => {
    try {
      return crossingOrThrow(budget);
    } catch {
      // A calendar with no working time ahead: no due time rather than a failed ticket write.
      return null;
    }
  };
  const crossingOrThrow = (budget: number): number | null => {
    let left = budget;
    for (const [s, e] of closed) {
      const worked = businessMsBetween(cal, s, e);
      if (worked >= left && worked > 0) return addBusinessMs(cal, s, left);
      left -= worked;
    }
    return ticking ? addBusinessMs(cal, now, left) : null;
  };
  let state: ClockState;
  if (stoppedAt !== null) state = leftMs >= 0 ? 'met' : 'missed';
  else if (leftMs < 0) state = 'breached';
  else state = ticking ? 'running' : 'paused';
  const dueAt = state === 'met' || state === 'paused' ? null : crossing(targetMs);
  const warnAt = state === 'running' ? crossing(Math.floor(targetMs * WARN_SHARE)) : null;
  return { metric, state, targetMs, elapsedMs, leftMs, dueAt, warnAt, startedAt, stoppedAt };
}

/**
 * The ticket's SLA clocks at `now`: first response (from creation to the first public staff reply
 * or solution), next response (from a customer's reply after our last one to our next reply or
 * solution) and resolution (while not solved; a reopen resumes it). Pending and on-hold pause all.
 */
export function readClocks(
  cal: BusinessCalendar,
  targets: SlaTargets,
  fullHistory: TicketHistory,
  now: number,
): ClockReading[] {
  // Only what has happened by `now` counts (a reading of the past for reports, or clock skew).
  const history: TicketHistory = {
    createdAt: fullHistory.createdAt,
    statusChanges: fullHistory.statusChanges.filter((c) => c.at <= now),
    publicMessages: fullHistory.publicMessages.filter((m) => m.at <= now),
  };
  const readings: ClockReading[] = [];
  const solvedAt = (after: number) => firstAfter(history.statusChanges, after, (c) => DONE.has(c.to));
  const staffReplyAt = (after: number) => firstAfter(history.publicMessages, after, (m) => m.by === 'staff');
  const earliest = (...times: Array<number | null>) => {
    const known = times.filter((t): t is number => t !== null);
    return known.length ? Math.min(...known) : null;
  };

  if (targets.firstResponseMinutes !== null) {
    const stop = earliest(staffReplyAt(history.createdAt), solvedAt(history.createdAt));
    readings.push(
      read(cal, 'first_response', history, targets.firstResponseMinutes, history.createdAt, stop, now),
    );
  }

  if (targets.nextResponseMinutes !== null) {
    // The latest customer message that follows one of our replies starts the newest cycle.
    let cycleStart: number | null = null;
    let answered = false;
    for (const m of history.publicMessages) {
      if (m.by === 'staff') answered = true;
      else if (answered) {
        cycleStart = m.at;
        answered = false;
      }
    }
    if (cycleStart !== null) {
      const stop = earliest(staffReplyAt(cycleStart), solvedAt(cycleStart));
      readings.push(read(cal, 'next_response', history, targets.nextResponseMinutes, cycleStart, stop, now));
    }
  }

  if (targets.resolutionMinutes !== null) {
    const last = history.statusChanges.at(-1);
    const stop = last && DONE.has(last.to) ? last.at : null;
    readings.push(read(cal, 'resolution', history, targets.resolutionMinutes, history.createdAt, stop, now));
  }
  return readings;
}
