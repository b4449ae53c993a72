import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import type { TicketEvent } from '../tickets/events.ts';
import { newTicketSlaTargets } from './new-ticket.ts';
import { clockSummary, refreshTicketSla } from './refresh.ts';
import { ticketSlaTargets } from './schema.ts';

/**
 * The service-level clocks follow the ticket: a new ticket's clocks are written by its own insert
 * (computed from this node's copy of the policies and calendars), and every later change that can
 * move a clock recomputes them inside the write's transaction, so the due times a list shows are
 * never behind the ticket. In transaction: the recompute writes only this ticket's clock rows.
 */
/** The ticket events that can move a service-level clock (see the subscriber below). */
export const SLA_CLOCK_EVENTS = [
  'message.added',
  'status.changed',
  'priority.changed',
  'category.changed',
  'team.changed',
  'ticket.merged',
] as const satisfies readonly TicketEvent['type'][];

export function subscribeServiceLevels(): void {
  subscribeToTicketEvents({
    name: 'sla.clocks',
    mode: 'in_transaction',
    // Only what a clock reads: the policy (category, priority, channel), its calendar (the team's
    // when the policy names none), and the history (public messages, status changes; a merge
    // joins two). An assignee, a tag or a custom field moves no clock: recomputing on them cost
    // about a dozen statements inside every live-chat assignment, while it held the agent's row
    // (bench:chat, docs/performance.md). sla/clock-inputs.test.ts holds this list to the inputs.
    events: SLA_CLOCK_EVENTS,
    async handle(tx, events) {
      const now = new Date();
      const tickets = new Map<string, TicketEvent[]>();
      for (const e of events) tickets.set(e.ticket.id, [...(tickets.get(e.ticket.id) ?? []), e]);
      for (const [ticketId, mine] of tickets) {
        if (mine.every(cannotMoveAClock)) continue;
        await refreshTicketSla(tx, ticketId, now);
      }
    },
    newTicketRows: {
      table: ticketSlaTargets,
      columns: [
        'ticket_id',
        'metric',
        'policy_id',
        'state',
        'target_ms',
        'elapsed_ms',
        'left_ms',
        'due_at',
        'warn_at',
        'started_at',
        'stopped_at',
        'computed_at',
      ],
      async rows(db, draft) {
        const clocks = await newTicketSlaTargets(db, draft, draft.createdAt);
        // The rows go to the insert as JSON: each distinct time is written once as ISO text
        // (a Date in JSON.stringify costs more than the rest of the row, and most are "now").
        const written = new Map<number, string>();
        const iso = (d: Date | null) => {
          if (!d) return null;
          const known = written.get(d.getTime());
          if (known !== undefined) return known;
          const text = d.toISOString();
          written.set(d.getTime(), text);
          return text;
        };
        return {
          clockSummary: clockSummary(clocks),
          rows: clocks.map((c) => ({
            ticket_id: draft.id,
            metric: c.metric,
            policy_id: c.policyId,
            state: c.state,
            target_ms: c.targetMs,
            elapsed_ms: c.elapsedMs,
            left_ms: c.leftMs,
            due_at: iso(c.dueAt),
            warn_at: iso(c.warnAt),
            started_at: iso(c.startedAt),
            stopped_at: iso(c.stoppedAt),
            computed_at: iso(c.computedAt),
          })),
        };
      },
    },
  });
}

/**
 * A customer's message that follows their own (or opens the public thread) neither changes the
 * status nor starts a "next response" cycle: the recompute would store the same due times again.
 * Only a writer that knows the previous public author for sure says so (the live chat's batches).
 */
function cannotMoveAClock(e: TicketEvent): boolean {
  if (e.type !== 'message.added' || e.message.authorType !== 'customer') return false;
  const before = e.message.previousPublicAuthor;
  return before === 'customer' || before === null;
}
