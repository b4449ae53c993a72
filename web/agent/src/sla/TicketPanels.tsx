import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Rating, TicketSla } from '../lib/service-types.ts';
import type { TicketDetail } from '../lib/types.ts';
import { formatDuration } from './duration.ts';

/** The ticket's SLA clocks as the server reads them now (refetched with the ticket). */
export function SlaPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const locale = useLocale();
  const sla = useQuery({
    queryKey: keys.ticketSla(ticket.id, ticket.lastSeq, ticket.status),
    queryFn: () => api<TicketSla>('GET', `/tickets/${ticket.id}/sla`),
    refetchInterval: 60_000,
  });
  if (!sla.data) return null;
  const { policy, clocks } = sla.data;
  return (
    <section className="panel sla-panel" data-testid="sla-panel">
      <h3>
        {t('sla.clocks')}
        {policy && (
          <span className="muted">
            {' '}
            · {policy.name} ({t(policy.businessTime ? 'sla.businessTime' : 'sla.calendarTime')})
          </span>
        )}
      </h3>
      {clocks.length === 0 && <p className="muted">{t('sla.noPolicy')}</p>}
      <ul className="clocks">
        {clocks.map((c) => (
          <li key={c.metric}>
            <strong>{t(`sla.metric.${c.metric}`)}</strong>{' '}
            <span className={`badge sla-${c.state}`} data-sla={c.state}>
              {t(`sla.state.${c.state}`)}
            </span>{' '}
            {(c.state === 'running' || c.state === 'breached') && (
              <span>
                {t(c.leftMs >= 0 ? 'sla.left' : 'sla.over', {
                  time: formatDuration(c.leftMs, locale.language),
                })}
              </span>
            )}
            <div className="muted small">
              {t('sla.target', { time: formatDuration(c.targetMs, locale.language) })}
              {c.dueAt && <> · {t('sla.due', { time: formatTime(c.dueAt, locale) })}</>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The customer's rating and comment, when they gave one. The comment is shown as text. */
export function CsatPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const locale = useLocale();
  const rating = useQuery({
    queryKey: keys.ticketRating(ticket.id),
    queryFn: () => api<{ rating: Rating | null }>('GET', `/tickets/${ticket.id}/rating`),
    enabled: ticket.status === 'solved' || ticket.status === 'closed',
  });
  const r = rating.data?.rating;
  if (!r) return null;
  return (
    <section className="panel csat-panel" data-testid="csat-panel">
      <h3>{t('csat.title')}</h3>
      <p>
        <span className="stars" role="img" aria-label={t('csat.score', { score: r.score })}>
          {'★'.repeat(r.score)}
          <span className="muted">{'★'.repeat(5 - r.score)}</span>
        </span>{' '}
        {t('csat.score', { score: r.score })}{' '}
        <span className="muted small">{formatTime(r.updatedAt, locale)}</span>
      </p>
      {r.comment && <blockquote className="csat-comment">{r.comment}</blockquote>}
    </section>
  );
}
