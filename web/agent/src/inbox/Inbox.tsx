import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, queryString } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { useShortcuts } from '../lib/keyboard.ts';
import { localName } from '../lib/lookups.ts';
import { href, linkHandler, navigate } from '../lib/router.ts';
import type { Agent, Page, TicketSummary } from '../lib/types.ts';
import { SlaBadge, useNow } from '../sla/SlaBadge.tsx';
import { FilterBar } from './FilterBar.tsx';
import { type InboxFilters, PAGE_SIZE, toQuery, type View } from './filters.ts';
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
  const list = useQuery({
    queryKey: keys.ticketList(toQuery(filters)),
    queryFn: () => api<Page<TicketSummary>>('GET', `/tickets${queryString(toQuery(filters))}`),
    placeholderData: keepPreviousData,
  });
  // One count per view, with the same filters: cheap (limit 1) and refreshed with the list.
  const counts = useQueries({
    queries: views.map((v) => {
      const q = toQuery({ ...filters, view: v.view, page: 0 }, 1);
      return {
        queryKey: keys.ticketList(q),
        queryFn: () => api<Page<TicketSummary>>('GET', `/tickets${queryString(q)}`),
      };
    }),
  });
  const now = useNow();
  const [cursor, setCursor] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const items = list.data?.items ?? [];
  useEffect(() => onOrder(items.map((i) => i.number)), [items, onOrder]);
  useEffect(() => setCursor((c) => Math.min(c, Math.max(items.length - 1, 0))), [items.length]);
  useShortcuts({
    j: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    enter: () => items[cursor] && navigate(`/tickets/${items[cursor].number}`),
    '/': () => search.current?.focus(),
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const set = (patch: Partial<InboxFilters>) => onFilters({ ...filters, page: 0, ...patch });

  return (
    <div className="inbox">
      <aside className="views">
        {views.map((v, i) => (
          <button
            key={v.view}
            type="button"
            className={filters.view === v.view ? 'active' : ''}
            onClick={() => set({ view: v.view })}
          >
            {t(v.label)} <span className="count">{counts[i]?.data?.total ?? '·'}</span>
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
        <table className="grid tickets">
          <thead>
            <tr>
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
                <td>
                  <a
                    href={href(`/tickets/${ticket.number}`)}
                    onClick={linkHandler(`/tickets/${ticket.number}`)}
                  >
                    {ticket.number}
                  </a>
                </td>
                <td className="ellipsis">{ticket.title}</td>
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
          <button
            type="button"
            disabled={filters.page === 0}
            onClick={() => onFilters({ ...filters, page: filters.page - 1 })}
          >
            ‹
          </button>
          <span>{t('inbox.page', { page: filters.page + 1, pages, total })}</span>
          <button
            type="button"
            disabled={filters.page + 1 >= pages}
            onClick={() => onFilters({ ...filters, page: filters.page + 1 })}
          >
            ›
          </button>
        </nav>
      </section>
    </div>
  );
}
