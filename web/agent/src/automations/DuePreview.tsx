import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { DueTicket } from './time-rule-types.ts';

/**
 * Which tickets a saved time rule is due for now (the server's own scan query, nothing written):
 * before its conditions, so an admin sees the reach of the `when` alone.
 */
export function DuePreview({ ruleId, name }: { ruleId: string; name: string }) {
  const t = useT();
  const locale = useLocale();
  const due = useQuery({
    queryKey: ['admin', 'time-rules', ruleId, 'due'],
    queryFn: () => api<{ total: number; items: DueTicket[] }>('GET', `/admin/time-rules/${ruleId}/due`),
  });
  return (
    <section className="dry-run due-preview" data-testid="due-preview" aria-labelledby="due-title">
      <h3 id="due-title">{t('tr.due.title', { name })}</h3>
      <p className="muted small">{t('tr.due.intro')}</p>
      <div className="rule-row">
        {due.data && (
          <strong data-total={due.data.total}>
            {t('tr.due.total', { count: due.data.total })}
            {due.data.total > due.data.items.length && (
              <span className="muted small"> · {t('tr.due.shown', { count: due.data.items.length })}</span>
            )}
          </strong>
        )}
        <span className="spacer" />
        <button type="button" className="link" onClick={() => void due.refetch()} disabled={due.isFetching}>
          {t('tr.due.refresh')}
        </button>
      </div>
      {due.error && <p className="error">{due.error.message}</p>}
      {due.data?.total === 0 && <p className="muted">{t('tr.due.none')}</p>}
      <ul className="plain due-list">
        {due.data?.items.map((d) => (
          <li key={`${d.ticketId}:${d.occurrence}`} data-due-ticket={d.number}>
            <a href={href(`/tickets/${d.number}`)} onClick={linkHandler(`/tickets/${d.number}`)}>
              {d.number}
            </a>{' '}
            {d.title}{' '}
            <span className="muted small">
              {t('tr.due.since')} {formatTime(d.dueAt, locale)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
