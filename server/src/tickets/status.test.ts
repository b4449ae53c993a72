import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from './model.ts';
import { acceptsMessages, canTransition, statusAfterMessage } from './status.ts';

describe('the ticket state machine', () => {
  it('lets agents move between working states, never out of closed, never to new', () => {
    const allowed = (from: TicketStatus) => TICKET_STATUSES.filter((to) => canTransition('agent', from, to));
    expect(allowed('new')).toEqual(['open', 'pending', 'on_hold', 'solved', 'closed']);
    expect(allowed('open')).toEqual(['pending', 'on_hold', 'solved', 'closed']);
    expect(allowed('pending')).toEqual(['open', 'on_hold', 'solved', 'closed']);
    expect(allowed('on_hold')).toEqual(['open', 'pending', 'solved', 'closed']);
    expect(allowed('solved')).toEqual(['open', 'pending', 'closed']);
    expect(allowed('closed')).toEqual([]);
    for (const s of TICKET_STATUSES) {
      expect(canTransition('agent', s, s)).toBe(false);
      expect(canTransition('agent', s, 'new')).toBe(false);
    }
    // Integrations and the system follow the agents' table.
    expect(canTransition('integration', 'open', 'solved')).toBe(true);
    expect(canTransition('system', 'closed', 'open')).toBe(false);
  });

  it('lets a customer only close, or reopen a solved ticket', () => {
    for (const from of TICKET_STATUSES) {
      const allowed = TICKET_STATUSES.filter((to) => canTransition('customer', from, to));
      if (from === 'closed') expect(allowed).toEqual([]);
      else if (from === 'solved') expect(allowed).toEqual(['open', 'closed']);
      else expect(allowed).toEqual(['closed']);
    }
  });

  it('moves on messages: a customer reply reopens pending and solved; the first agent reply opens', () => {
    expect(statusAfterMessage('pending', 'customer', 'public')).toBe('open');
    expect(statusAfterMessage('solved', 'customer', 'public')).toBe('open');
    expect(statusAfterMessage('new', 'customer', 'public')).toBeNull();
    expect(statusAfterMessage('on_hold', 'customer', 'public')).toBeNull();
    expect(statusAfterMessage('new', 'agent', 'public')).toBe('open');
    expect(statusAfterMessage('pending', 'agent', 'public')).toBeNull();
    for (const s of TICKET_STATUSES) {
      expect(statusAfterMessage(s, 'agent', 'internal')).toBeNull();
      expect(statusAfterMessage(s, 'customer', 'internal')).toBeNull();
    }
  });

  it('accepts messages until closed', () => {
    expect(TICKET_STATUSES.filter((s) => !acceptsMessages(s))).toEqual(['closed']);
  });
});
