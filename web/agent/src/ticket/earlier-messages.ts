import { useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import type { Message, TicketDetail } from '../lib/types.ts';

/** Messages in a page of the thread (the server's THREAD_PAGE). */
const PAGE = 100;

/** A page of older messages as `GET /tickets/:id/messages?before=` answers it. */
export interface EarlierPage {
  messages: Message[];
  earlierMessages: number;
}

/** The older messages an agent has loaded, and how many are older still. */
export interface Older {
  messages: Message[];
  remaining: number;
}

/** Both lists as one, each message once, in thread order. */
export function joinThread(older: Message[], newest: Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of [...older, ...newest]) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Adds a page to what was loaded; the count of those older still comes from the oldest page. */
export function addPage(held: Older | null, page: EarlierPage): Older {
  const oldestBefore = held?.messages[0]?.seq ?? Number.POSITIVE_INFINITY;
  const pageIsOldest = (page.messages[0]?.seq ?? Number.POSITIVE_INFINITY) < oldestBefore || !held;
  return {
    messages: joinThread(held?.messages ?? [], page.messages),
    remaining: pageIsOldest ? page.earlierMessages : held.remaining,
  };
}

/**
 * How many messages lie between the loaded older ones and the detail's newest window. The window
 * moves on as new messages come (the detail is read again after each), leaving behind it messages
 * that neither list holds: they are counted here and read again.
 */
export function gapBefore(ticket: TicketDetail, older: Older | null): number {
  if (!older) return 0;
  const first = ticket.messages[0]?.seq;
  if (first === undefined) return 0;
  const heldBefore = older.messages.filter((m) => m.seq < first).length;
  return (ticket.earlierMessages ?? 0) - heldBefore - older.remaining;
}

/** The thread to show for a ticket: its newest window, and older pages the agent asked for. */
export function useEarlierMessages(ticket: TicketDetail) {
  const [older, setOlder] = useState<Older | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const ticketId = ticket.id;
  // Another ticket opened in the same view starts from its own newest window.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the ticket changes
  useEffect(() => setOlder(null), [ticketId]);
  const read = useCallback(
    async (before: number) => {
      setLoading(true);
      setFailed(false);
      try {
        const page = await api<EarlierPage>('GET', `/tickets/${ticketId}/messages?before=${before}`);
        setOlder((held) => addPage(held, page));
      } catch {
        setFailed(true);
      } finally {
        setLoading(false);
      }
    },
    [ticketId],
  );
  const gap = gapBefore(ticket, older);
  const windowStart = ticket.messages[0]?.seq;
  useEffect(() => {
    if (gap <= 0 || windowStart === undefined) return;
    // One page fills a gap; a wider one (a page of messages while the agent read older ones) starts over.
    if (gap > PAGE) setOlder(null);
    else void read(windowStart);
  }, [gap, windowStart, read]);
  const messages = older ? joinThread(older.messages, ticket.messages) : ticket.messages;
  const remaining = older ? older.remaining : (ticket.earlierMessages ?? 0);
  const first = messages[0]?.seq;
  return {
    messages,
    remaining,
    loading,
    failed,
    showEarlier: () => (first === undefined ? undefined : read(first)),
  };
}
