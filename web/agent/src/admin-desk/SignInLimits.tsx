import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';

interface Limit {
  scope: 'address' | 'pair' | 'account' | 'second_factor';
  key: string;
  agent: { id: string; email: string; name: string } | null;
  failures: number;
  blocked: boolean;
  blockedUntil: string;
  lastFailureAt: string;
}

/** Who is slowed at sign-in (addresses, accounts, second factors), and clearing one: admins only. */
export function SignInLimits() {
  const t = useT();
  const locale = useLocale();
  const limits = useQuery({
    queryKey: ['admin', 'sign-in-limits'],
    queryFn: () => api<{ items: Limit[] }>('GET', '/admin/sign-in-limits'),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const clear = useMutation({
    mutationFn: (l: Limit) => api('POST', '/admin/sign-in-limits/clear', { scope: l.scope, key: l.key }),
    onSuccess: (_, l) => {
      setNotice(t('limits.cleared', { key: l.key }));
      void limits.refetch();
    },
  });
  const items = limits.data?.items ?? [];
  return (
    <section className="desk-admin sign-in-limits">
      <p className="muted">{t('limits.intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {limits.error && <p className="error">{limits.error.message}</p>}
      {clear.error && <p className="error">{clear.error.message}</p>}
      {limits.isSuccess && items.length === 0 ? (
        <p className="muted">{t('limits.none')}</p>
      ) : (
        <table className="people-table limits-table">
          <thead>
            <tr>
              <th>{t('limits.scope')}</th>
              <th>{t('limits.key')}</th>
              <th>{t('limits.failures')}</th>
              <th>{t('limits.state')}</th>
              <th>{t('limits.lastFailure')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((l) => (
              <tr
                key={`${l.scope}:${l.key}`}
                data-limit={l.key}
                className={l.blocked ? 'blocked' : undefined}
              >
                <td>{t(`limits.scope.${l.scope}` as MessageKey)}</td>
                <td>
                  <code>{l.key}</code>
                  {l.agent && <div className="muted">{l.agent.name}</div>}
                </td>
                <td>{l.failures}</td>
                <td>
                  {l.blocked
                    ? t('limits.blockedUntil', { time: formatTime(l.blockedUntil, locale) })
                    : t('limits.counting')}
                </td>
                <td>{formatTime(l.lastFailureAt, locale)}</td>
                <td>
                  <button type="button" disabled={clear.isPending} onClick={() => clear.mutate(l)}>
                    {t('limits.clear')}
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
