import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { type Found, RestrictForm, who } from './CustomerRestriction.tsx';
import './restrict.css';

interface Restricted {
  customerId: string;
  kind: 'muted' | 'blocked';
  until: string | null;
  reason: string;
  createdAt: string;
  uid: string | null;
  name: string | null;
  email: string | null;
  byName: string | null;
}

/**
 * Mute and block: who is restricted now (lift it), and finding a customer by UID or email to mute
 * them for a time or block them, with a reason. The same API the ticket and chat views use.
 */
export function RestrictionsAdmin() {
  const t = useT();
  const locale = useLocale();
  const current = useQuery({
    queryKey: ['admin', 'restrictions'],
    queryFn: () => api<{ items: Restricted[] }>('GET', '/admin/customer-restrictions'),
  });
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const lookup = useMutation({
    mutationFn: (query: string) =>
      api<{ items: Found[] }>('GET', `/admin/customers/lookup?q=${encodeURIComponent(query)}`),
    onSuccess: (answer) => setFound(answer.items),
  });
  const change = useMutation({
    mutationFn: (v: {
      customerId: string;
      kind: 'muted' | 'blocked' | 'none';
      minutes?: number;
      reason?: string;
    }) =>
      api('PUT', `/customers/${v.customerId}/restriction`, {
        kind: v.kind,
        ...(v.minutes ? { minutes: v.minutes } : {}),
        reason: v.reason ?? '',
      }),
    onSuccess: () => {
      void current.refetch();
      if (q.trim()) lookup.mutate(q.trim());
    },
  });

  function search(event: FormEvent) {
    event.preventDefault();
    if (q.trim()) lookup.mutate(q.trim());
  }
  const state = (r: { kind: 'muted' | 'blocked'; until: string | null }) =>
    r.kind === 'blocked'
      ? t('restrict.blocked')
      : t('restrict.mutedUntil', { time: formatTime(r.until!, locale) });

  return (
    <section className="desk-admin restrictions-admin">
      <p className="muted">{t('restrict.hint')}</p>
      <h2>{t('restrict.find')}</h2>
      <form className="row lookup" onSubmit={search}>
        <input
          name="customerQuery"
          aria-label={t('restrict.query')}
          placeholder={t('restrict.query')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={320}
        />
        <button type="submit" disabled={lookup.isPending}>
          {t('restrict.search')}
        </button>
      </form>
      {lookup.error && <p className="error">{lookup.error.message}</p>}
      {change.error && <p className="error">{change.error.message}</p>}
      {found?.length === 0 && <p className="muted">{t('restrict.noMatch')}</p>}
      {found?.map((c) => (
        <RestrictForm
          key={c.id}
          customer={c}
          state={c.restriction ? state(c.restriction) : null}
          busy={change.isPending}
          onChange={(v) => change.mutate({ customerId: c.id, ...v })}
        />
      ))}
      <h2>{t('restrict.current')}</h2>
      {current.error && <p className="error">{current.error.message}</p>}
      {current.isSuccess && current.data.items.length === 0 ? (
        <p className="muted">{t('restrict.none')}</p>
      ) : (
        <table className="people-table restrictions-table">
          <thead>
            <tr>
              <th>{t('restrict.customer')}</th>
              <th>{t('restrict.kind')}</th>
              <th>{t('restrict.reason')}</th>
              <th>{t('restrict.by')}</th>
              <th>{t('restrict.since')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(current.data?.items ?? []).map((r) => (
              <tr key={r.customerId} data-customer={r.uid ?? r.customerId}>
                <td>
                  <strong>{who(r)}</strong>
                  <div className="muted">{[r.uid, r.email].filter(Boolean).join(' · ')}</div>
                </td>
                <td>
                  <span className={`badge restrict-${r.kind}`}>{state(r)}</span>
                </td>
                <td>{r.reason}</td>
                <td>{r.byName ?? ''}</td>
                <td>{formatTime(r.createdAt, locale)}</td>
                <td>
                  <button
                    type="button"
                    disabled={change.isPending}
                    onClick={() => change.mutate({ customerId: r.customerId, kind: 'none' })}
                  >
                    {t('restrict.lift')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
