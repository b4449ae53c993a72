import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { SearchGap } from './types.ts';

/** What the help center failed to answer: searches with no result, and searches then a ticket. */
export function SearchGaps() {
  const t = useT();
  const locale = useLocale();
  const [days, setDays] = useState(30);
  const report = useQuery({
    queryKey: keys.helpSearchGaps(days),
    queryFn: () =>
      api<{ noResults: SearchGap[]; followedByTicket: SearchGap[] }>(
        'GET',
        `/help/admin/reports/searches?days=${days}`,
      ),
  });
  const table = (title: string, rows: SearchGap[] | undefined, testId: string) => (
    <section data-testid={testId}>
      <h2>{title}</h2>
      {rows?.length === 0 ? (
        <p className="muted">{t('help.nothing')}</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>{t('help.query')}</th>
              <th>{t('help.language')}</th>
              <th>{t('help.count')}</th>
              {rows?.[0]?.last !== undefined && <th>{t('help.lastSeen')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows?.map((r) => (
              <tr key={`${r.lang}:${r.query}`}>
                <td>{r.query}</td>
                <td>{r.lang}</td>
                <td>{r.searches}</td>
                {r.last !== undefined && <td>{formatTime(r.last, locale)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
  return (
    <div className="panel">
      <select
        aria-label={t('help.days', { days })}
        value={days}
        onChange={(e) => setDays(Number(e.target.value))}
      >
        {[7, 30, 90, 365].map((d) => (
          <option key={d} value={d}>
            {t('help.days', { days: d })}
          </option>
        ))}
      </select>
      {report.error && <p className="error">{report.error.message}</p>}
      {table(t('help.noResults'), report.data?.noResults, 'help-no-results')}
      {table(t('help.followedByTicket'), report.data?.followedByTicket, 'help-then-ticket')}
    </div>
  );
}
