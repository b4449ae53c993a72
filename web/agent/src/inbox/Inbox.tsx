import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { BulkBar } from '../bulk/BulkBar.tsx';
import { api, queryString } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { useShortcuts } from '../lib/keyboard.ts';
import { localName } from '../lib/lookups.ts';
import { href, linkHandler, navigate } from '../lib/router.ts';
import type { Agent, Page, SearchMatch, TicketSummary, ViewCount, ViewCounts } from '../lib/types.ts';
import { SlaBadge, useNow } from '../sla/SlaBadge.tsx';
import { FilterBar } from './FilterBar.tsx';
import { type InboxFilters, toCountQuery, toQuery, type View } from './filters.ts';
import { SavedFilters } from './SavedFilters.tsx';

const VIEWS: Array<{ view: View; label: MessageKey; minRole?: 'supervisor' }> = [
  { view: 'mine', label: 'inbox.mine' },
  { view: 'unassigned', label: 'inbox.unassigned' },
  { view: 'teams', label: 'inbox.teams' },
  { view: 'all', label: 'inbox.all', minRole: 'supervisor' },
];

interface Props {
  me: Agent;
  filters: InboxFilters;
  onFilters: (f: InboxFilters) => void;
  /** The ticket numbers in the order shown, so j/k can move between tickets from a ticket too. */
  onOrder: (numbers: string[]) => void;
}

export function Inbox({ me, filters, onFilters, onOrder }: Props) {
  const t = useT();
  const locale = useLocale();
  const views = VIEWS.filter((v) => !v.minRole || me.role !== 'agent');
  // Pages by cursor: "more" appends the next page after the last row shown (keyset on the server).
  const list = useInfiniteQuery({
    queryKey: keys.ticketList(toQuery(filters)),
    queryFn: ({ pageParam }) =>
      api<Page<TicketSummary>>(
        'GET',
        `/tickets${queryString({ ...toQuery(filters), cursor: pageParam || undefined })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  // Every view's count in one request, with the filters but never the search text.
  const counts = useQuery({
    queryKey: keys.ticketList({ counts: toCountQuery(filters) }),
    queryFn: () => api<ViewCounts>('GET', `/tickets/counts${queryString(toCountQuery(filters))}`),
    placeholderData: keepPreviousData,
  });
  const now = useNow();
  const [cursor, setCursor] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  useEffect(() => onOrder(items.map((i) => i.number)), [items, onOrder]);
  useEffect(() => setCursor((c) => Math.min(c, Math.max(items.length - 1, 0))), [items.length]);
  useShortcuts({
    j: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    enter: () => items[cursor] && navigate(`/tickets/${items[cursor].number}`),
    '/': () => search.current?.focus(),
  });
  const set = (patch: Partial<InboxFilters>) => onFilters({ ...filters, page: 0, ...patch });
  // Bulk selection: rows ticked by hand, or every ticket matching the filter.
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const filterKey = JSON.stringify(toQuery(filters));
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts a new selection
  useEffect(() => {
    setPicked(new Set());
    setAllMatching(false);
  }, [filterKey]);
  const toggle = (id: string) => {
    setAllMatching(false);
    setPicked((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const allOnPage = items.length > 0 && items.every((i) => picked.has(i.id));
  const { sort: _sort, limit: _limit, ...bulkFilter } = toQuery(filters);

  return (
    <div className="inbox">
      <aside className="views">
        {views.map((v) => (
          <button
            key={v.view}
            type="button"
            className={filters.view === v.view ? 'active' : ''}
            onClick={() => set({ view: v.view })}
          >
            {t(v.label)} <span className="count">{countText(counts.data?.[v.view], locale.language)}</span>
          </button>
        ))}
        <SavedFilters filters={filters} onApply={onFilters} />
      </aside>
      <section className="list">
        <form
          className="search"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: search.current?.value ?? '' });
          }}
        >
          <input
            ref={search}
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder={t('inbox.searchPlaceholder')}
            aria-label={t('inbox.search')}
          />
          <button type="submit">{t('inbox.search')}</button>
        </form>
        <FilterBar
          filters={filters}
          onChange={set}
          showAssignee={filters.view === 'all' || filters.view === 'teams'}
        />
        {(picked.size > 0 || allMatching) && (
          <BulkBar
            selected={[...picked]}
            allMatching={allMatching}
            // The counts leave out the search text: with a search, only the rows shown can be picked.
            matchingCount={filters.q ? null : (counts.data?.[filters.view]?.count ?? null)}
            pageCount={items.length}
            filter={bulkFilter}
            onAllMatching={() => setAllMatching(true)}
            onClear={() => {
              setPicked(new Set());
              setAllMatching(false);
            }}
          />
        )}
        <table className="grid tickets">
          <thead>
            <tr>
              <th className="pick">
                <input
                  type="checkbox"
                  name="pickAll"
                  aria-label={t('bulk.selectAll')}
                  checked={allMatching || allOnPage}
                  onChange={() => {
                    setAllMatching(false);
                    setPicked(allOnPage ? new Set() : new Set(items.map((i) => i.id)));
                  }}
                />
              </th>
              <th>#</th>
              <th>{t('ticket.title')}</th>
              <th>{t('ticket.customer')}</th>
              <th>{t('ticket.status')}</th>
              <th>{t('ticket.priority')}</th>
              <th className="wide-only">{t('ticket.category')}</th>
              <th className="wide-only">{t('ticket.assignee')}</th>
              <th>{t('sla.column')}</th>
              <th>{t('ticket.lastActivity')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((ticket, i) => (
              <tr
                key={ticket.id}
                className={i === cursor ? 'cursor' : ''}
                onClick={() => navigate(`/tickets/${ticket.number}`)}
              >
                <td
                  className="pick"
                  onClick={(e) => e.stopPropagation()}
                  onKeyDown={(e) => e.stopPropagation()}
                >
                  <input
                    type="checkbox"
                    name="pick"
                    aria-label={t('bulk.selectRow', { number: ticket.number })}
                    checked={allMatching || picked.has(ticket.id)}
                    onChange={() => toggle(ticket.id)}
                  />
                </td>
                <td>
                  <a
                    href={href(`/tickets/${ticket.number}`)}
                    onClick={linkHandler(`/tickets/${ticket.number}`)}
                  >
                    {ticket.number}
                  </a>
                </td>
                <td className="ellipsis">
                  {ticket.title}
                  {ticket.match && <MatchSnippet match={ticket.match} />}
                </td>
                <td className="ellipsis">
                  {ticket.customer.name ?? ticket.customer.uid ?? ticket.customer.email}
                </td>
                <td>
                  <span className={`badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
                </td>
                <td>
                  <span className={`badge priority-${ticket.priority}`}>
                    {t(`priority.${ticket.priority}`)}
                  </span>
                </td>
                <td className="wide-only ellipsis">{localName(ticket.category, locale.language)}</td>
                <td className="wide-only">{ticket.assignee?.name ?? '—'}</td>
                <td>
                  <SlaBadge ticket={ticket} now={now} />
                </td>
                <td>{formatTime(ticket.lastActivityAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && !list.isPending && <p className="muted empty">{t('inbox.empty')}</p>}
        <nav className="pager">
          <span>{t('inbox.shown', { shown: items.length })}</span>
          {list.hasNextPage && (
            <button type="button" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              {t('inbox.more')}
            </button>
          )}
        </nav>
      </section>
    </div>
  );
}

/** "1,234", or "10,000+" when the server stopped counting. */
function countText(count: ViewCount | null | undefined, language: string) {
  if (!count) return '·';
  const n = count.count.toLocaleString(language);
  return count.capped ? `${n}+` : n;
}

/** Where a search result matched, the matching words marked (text only: React escapes it). */
function MatchSnippet({ match }: { match: SearchMatch }) {
  return (
    <div className="match muted">
      {match.segments.map((s, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one result
        s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </div>
  );
}
