import { QueryClient } from '@tanstack/react-query';
import type { TicketDetail } from './types.ts';

/**
 * Every server datum lives in one query cache under these keys. Screens read it; writes and (when
 * live chat lands) WebSocket events update it through `applyServerEvent`, so a list and a thread
 * never need a reload to be current.
 */
export const keys = {
  me: ['me'] as const,
  tickets: ['tickets'] as const,
  ticketList: (filters: Record<string, unknown>) => ['tickets', 'list', filters] as const,
  ticket: (ref: string) => ['tickets', 'detail', ref] as const,
  customerTickets: (customerId: string) => ['tickets', 'customer', customerId] as const,
  presence: (ref: string) => ['presence', ref] as const,
  canned: (q: string) => ['canned', q] as const,
  savedFilters: ['saved-filters'] as const,
  sessions: ['sessions'] as const,
  agents: ['agents'] as const,
  teams: ['teams'] as const,
  categories: ['categories'] as const,
  /** Keyed by the ticket's last message and status, so a reply or status change reads the clocks again. */
  ticketSla: (id: string, lastSeq: number, status: string) =>
    ['tickets', 'sla', id, lastSeq, status] as const,
  ticketRating: (id: string) => ['tickets', 'rating', id] as const,
  notifications: ['notifications'] as const,
  unreadCount: ['notifications', 'unread'] as const,
  noticePrefs: ['notification-preferences'] as const,
  slaPolicies: ['sla', 'policies'] as const,
  slaCalendars: ['sla', 'calendars'] as const,
  chatHours: ['chat', 'hours'] as const,
  reports: (params: Record<string, unknown>) => ['reports', params] as const,
  chatQueues: ['chat', 'queues'] as const,
  /** Everything under 'help-admin' is refetched after any help-center edit. */
  helpAdmin: ['help-admin'] as const,
  helpStructure: ['help-admin', 'structure'] as const,
  helpArticles: (filters: Record<string, string>) => ['help-admin', 'articles', filters] as const,
  helpArticle: (id: string) => ['help-admin', 'article', id] as const,
  helpVersions: (id: string) => ['help-admin', 'versions', id] as const,
  helpAnnouncements: ['help-admin', 'announcements'] as const,
  helpSynonyms: ['help-admin', 'synonyms'] as const,
  helpSearchGaps: (days: number) => ['help-admin', 'searches', days] as const,
};

/**
 * Writes what a save answered into the cache. A read of the same key still on its way (the page's
 * first load, a 30-second refresh, a refetch after a live event) was sent before the save and
 * would land after it, putting the old value back over the new one; it is cancelled first.
 */
export async function putSaved<T>(
  client: QueryClient,
  key: readonly unknown[],
  next: T | ((old: T | undefined) => T | undefined),
): Promise<void> {
  await client.cancelQueries({ queryKey: key, exact: true });
  client.setQueryData<T>(key, next as T);
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Lists refresh on their own every half minute and when the tab regains focus.
        staleTime: 5_000,
        refetchInterval: 30_000,
        refetchOnWindowFocus: true,
        retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err),
      },
    },
  });
}

/** What the server may push; the live-chat work defines the wire format, this is the cache side. */
export type ServerEvent =
  | { type: 'ticket.updated'; ticketId: string; number: string }
  | { type: 'ticket.message'; ticketId: string; number: string; seq: number }
  | { type: 'ticket.created'; ticketId: string };

/** Applies one pushed event: marks what it touches stale so the open screens refetch. */
export function applyServerEvent(client: QueryClient, event: ServerEvent) {
  client.invalidateQueries({ queryKey: ['tickets', 'list'] });
  if (event.type === 'ticket.created') return;
  // A ticket is cached under the reference it was opened by (number or id): match either, or the
  // id inside the cached detail (the chat socket knows only ids, the ticket screen uses numbers).
  client.invalidateQueries({
    queryKey: ['tickets', 'detail'],
    predicate: (query) => {
      const ref = query.queryKey[2];
      const current = query.state.data as TicketDetail | undefined;
      const same = ref === event.ticketId || ref === event.number || current?.id === event.ticketId;
      if (!same) return false;
      return !(event.type === 'ticket.message' && current && current.lastSeq >= event.seq);
    },
  });
}
