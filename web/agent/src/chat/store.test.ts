import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../../shared/chat-protocol.ts';
import { ChatStore } from './store.ts';

const message = (seq: number, authorType: 'customer' | 'agent' = 'customer'): TimelineItem => ({
  kind: 'message',
  seq,
  id: `m${seq}`,
  clientId: null,
  authorType,
  authorId: null,
  authorName: null,
  internal: false,
  body: `body ${seq}`,
  attachments: [],
  cards: [],
  offerHandoff: false,
  createdAt: '2026-11-24T20:00:00.000Z',
});

describe('ChatStore', () => {
  it('keeps each seq once and in order, whatever order and repeats a replay brings', () => {
    const store = new ChatStore();
    for (const seq of [1, 2, 4, 2, 3, 4, 1]) store.addItem('t1', message(seq), false);
    expect(store.chat('t1').items.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    expect(store.chat('t1').lastSeq).toBe(4);
  });

  it('counts unread customer messages only, and a repeat not at all', () => {
    const store = new ChatStore();
    store.addItem('t1', message(1), true);
    store.addItem('t1', message(1), true);
    store.addItem('t1', message(2, 'agent'), true);
    store.addItem('t1', message(3), true);
    expect(store.chat('t1').unread).toBe(2);
  });

  it('drops an acked message from the pending list and tracks tabs from assignment frames', () => {
    const store = new ChatStore();
    store.update(() => ({ myId: 'me' }));
    store.patchChat('t1', () => ({
      pending: [{ type: 'send', ticketId: 't1', clientId: 'c1', body: 'hi' }],
    }));
    store.apply({ type: 'ack', ticketId: 't1', clientId: 'c1', seq: 5, serverTime: '', duplicate: true });
    expect(store.chat('t1').pending).toEqual([]);
    store.apply({ type: 'assigned', ticketId: 't1', agentId: 'me' });
    store.apply({ type: 'assigned', ticketId: 't2', agentId: 'someone-else' });
    store.apply({ type: 'assigned', ticketId: 't1', agentId: 'me' });
    expect(store.get().mine).toEqual(['t1']);
    // The open chat keeps its tab when it is taken away; another one closes.
    store.apply({ type: 'assigned', ticketId: 't3', agentId: 'me' });
    store.update(() => ({ active: 't1' }));
    store.apply({ type: 'unassigned', ticketId: 't1', agentId: 'me' });
    store.apply({ type: 'unassigned', ticketId: 't3', agentId: 'me' });
    expect(store.get().mine).toEqual(['t1']);
  });
});
