import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import type { Presence, TicketDetail } from '../lib/types.ts';

const BEAT_MS = 4_000;

/**
 * Heartbeats while the ticket is open ("viewing", or "typing" while the composer is busy) and
 * reads back who else is on it. The answer's lastSeq tells whether the thread moved on: then the
 * ticket is refetched, so a colleague's reply shows up without a reload.
 */
export function usePresence(ticketRef: string, typing: boolean) {
  const client = useQueryClient();
  const typingRef = useRef(typing);
  typingRef.current = typing;
  const presence = useQuery({
    queryKey: keys.presence(ticketRef),
    queryFn: () =>
      api<Presence>('POST', `/tickets/${ticketRef}/viewing`, {
        state: typingRef.current ? 'typing' : 'viewing',
      }),
    refetchInterval: BEAT_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
  // Typing starts or stops: tell the others now rather than at the next beat.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when `typing` flips, by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void presence.refetch();
  }, [typing]);

  const lastSeq = presence.data?.lastSeq;
  useEffect(() => {
    const shown = client.getQueryData<TicketDetail>(keys.ticket(ticketRef));
    if (lastSeq !== undefined && shown && lastSeq > shown.lastSeq) {
      void client.invalidateQueries({ queryKey: keys.ticket(ticketRef) });
      void client.invalidateQueries({ queryKey: ['tickets', 'list'] });
    }
  }, [lastSeq, client, ticketRef]);

  useEffect(
    () => () => {
      // Leaving the ticket: drop out of the others' view at once instead of after the expiry.
      void api('POST', `/tickets/${ticketRef}/viewing`, { state: 'left' }).catch(() => {});
    },
    [ticketRef],
  );
  return presence.data?.others ?? [];
}
