import type { ActorType, TicketStatus } from './model.ts';

/**
 * Ticket status transitions in one place (a state machine rather than callbacks spread around).
 *
 * new      → a customer opened it, nobody has answered yet
 * open     → someone works on it
 * pending  → waiting on the customer (SLA clocks pause)
 * on_hold  → waiting on a third party (SLA clocks pause)
 * solved   → answered; the customer's reply reopens it
 * closed   → final; a new matter needs a new ticket
 */
const AGENT_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved', 'closed'],
  open: ['pending', 'on_hold', 'solved', 'closed'],
  pending: ['open', 'on_hold', 'solved', 'closed'],
  on_hold: ['open', 'pending', 'solved', 'closed'],
  solved: ['open', 'pending', 'closed'],
  closed: [],
};

/** What a customer may do with their own ticket: close it, or reopen a solved one. */
const CUSTOMER_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['closed'],
  open: ['closed'],
  pending: ['closed'],
  on_hold: ['closed'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(actor: ActorType, from: TicketStatus, to: TicketStatus): boolean {
  if (from === to) return false;
  const table = actor === 'customer' ? CUSTOMER_TRANSITIONS : AGENT_TRANSITIONS;
  return table[from].includes(to);
}

/** The status a ticket moves to when a message arrives, or null when it stays. */
export function statusAfterMessage(
  current: TicketStatus,
  author: 'customer' | 'agent',
  visibility: 'public' | 'internal',
): TicketStatus | null {
  if (visibility === 'internal') return null;
  if (author === 'customer') {
    // The customer answered what we were waiting for, or came back after a solution.
    return current === 'pending' || current === 'solved' ? 'open' : null;
  }
  // An agent's first public answer means somebody is working on it.
  return current === 'new' ? 'open' : null;
}

/** Whether a message can still be added. A closed ticket is final. */
export function acceptsMessages(status: TicketStatus): boolean {
  return status !== 'closed';
}
