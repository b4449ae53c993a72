import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Agent } from '../lib/types.ts';

interface Entry {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  at: string;
  data: unknown;
}
interface Filters {
  actorId: string;
  action: string;
  targetType: string;
  from: string;
  to: string;
}

/** The filters as the API's query string: dates are whole days in the admin's own time zone. */
function queryOf(f: Filters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.actorId) q.set('actorId', f.actorId);
  if (f.action.trim()) q.set('action', f.action.trim());
  if (f.targetType.trim()) q.set('targetType', f.targetType.trim());
  if (f.from) q.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q.set('to', new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000).toISOString());
  return q;
}

/** Who did what, when and from where; filtered, paged by cursor, exported as CSV. */
export function AuditLog() {
  const t = useT();
  const locale = useLocale();
  const empty: Filters = { actorId: '', action: '', targetType: '', from: '', to: '' };
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => api<{ items: Agent[] }>('GET', '/agents'),
  });
  const nameOf = (id: string | null) => agents.data?.items.find((a) => a.id === id)?.name ?? id ?? '—';
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = queryOf(filters);
      q.set('limit', '50');
      if (pageParam) q.set('cursor', pageParam);
      return api<{ items: Entry[]; nextCursor: string | null }>('GET', `/admin/audit-log?${q}`);
    },
    getNextPageParam: (page) => page.nextCursor,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <section className="audit-admin">
      <form onSubmit={submit} className="admin-form audit-filters">
        <label>
          {t('admin.audit.actor')}
          <select
            name="actor"
            value={draft.actorId}
            onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}
          >
            <option value="">{t('admin.audit.anyone')}</option>
            {(agents.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.audit.action')}
          <input
            name="action"
            placeholder="sign_in"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          />
        </label>
        <label>
          {t('admin.audit.object')}
          <input
            name="targetType"
            placeholder="agent"
            value={draft.targetType}
            onChange={(e) => setDraft({ ...draft, targetType: e.target.value })}
          />
        </label>
        <label>
          {t('admin.audit.from')}
          <input
            name="from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t('admin.audit.to')}
          <input
            name="to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <div className="row">
          <button type="submit">{t('admin.audit.filter')}</button>
          <a href={`/api/v1/admin/audit-log/export.csv?${queryOf(filters)}`} download>
            {t('admin.audit.csv')}
          </a>
        </div>
      </form>
      {log.error && <p className="error">{log.error.message}</p>}
      <table className="people-table audit-table">
        <thead>
          <tr>
            <th>{t('admin.audit.when')}</th>
            <th>{t('admin.audit.actor')}</th>
            <th>{t('admin.audit.action')}</th>
            <th>{t('admin.audit.object')}</th>
            <th>{t('admin.audit.where')}</th>
          </tr>
        </thead>
        <tbody>
          {(log.data?.pages ?? []).flatMap((page) =>
            page.items.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.at, locale)}</td>
                <td>{e.actorType === 'agent' ? nameOf(e.actorId) : e.actorType}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.targetType
                    ? `${e.targetType} ${e.targetType === 'agent' ? nameOf(e.targetId) : (e.targetId ?? '')}`
                    : ''}
                </td>
                <td>{e.ip ?? ''}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {log.hasNextPage && (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {t('admin.audit.more')}
        </button>
      )}
    </section>
  );
}
