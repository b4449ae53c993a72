import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { DueTicket } from './time-rule-types.ts';

/**
 * Which tickets a saved time rule is due for now (the server's own scan query, nothing written):
 * before its conditions, so an admin sees the reach of the `when` alone. "As at" asks the same for
 * another moment ("how many would the rule take on Monday morning?"): the API's `at`.
 */
export function DuePreview({ ruleId, name }: { ruleId: string; name: string }) {
  const t = useT();
  const locale = useLocale();
  // A datetime-local value (the agent's own time zone), or '' for now.
  const [asAt, setAsAt] = useState('');
  const at = asAt && !Number.isNaN(new Date(asAt).getTime()) ? new Date(asAt).toISOString() : null;
  const due = useQuery({
    queryKey: ['admin', 'time-rules', ruleId, 'due', at],
    queryFn: () =>
      api<{ total: number; items: DueTicket[] }>(
        'GET',
        `/admin/time-rules/${ruleId}/due${at ? `?at=${encodeURIComponent(at)}` : ''}`,
      ),
  });
  return (
    <section className="dry-run due-preview" data-testid="due-preview" aria-labelledby="due-title">
      <h3 id="due-title">{t('tr.due.title', { name })}</h3>
      <p className="muted small">{t('tr.due.intro')}</p>
      <label className="due-at">
        {t('tr.due.at')}
        <input
          type="datetime-local"
          name="dueAt"
          value={asAt}
          onChange={(e) => setAsAt(e.target.value)}
          aria-describedby="due-at-hint"
        />
        <span id="due-at-hint" className="muted small">
          {t('tr.due.atHint')}
        </span>
      </label>
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
      {due.data?.total === 0 && <p className="muted">{t(at ? 'tr.due.noneAt' : 'tr.due.none')}</p>}
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
