import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { href, linkHandler } from '../lib/router.ts';
import { type Delivery, lastError, responseCodes, type Webhook } from './webhook-types.ts';

/** While a delivery is still pending (a retry's back-off, a resend), the log is read again this often. */
const PENDING_POLL_MS = 2000;

/** One subscription's delivery log, newest first, with "send again" on each delivery. */
export function DeliveryLog({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const key = ['admin', 'webhooks', webhook.id, 'deliveries'];
  const log = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Delivery[] }>('GET', `/admin/webhooks/${webhook.id}/deliveries`),
    select: (d) => d.items,
    // Deliveries are sent by a background job: keep reading while any is still under way.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === 'pending') ? PENDING_POLL_MS : false,
  });
  const resend = useMutation({
    mutationFn: (delivery: string) =>
      api('POST', `/admin/webhooks/${webhook.id}/deliveries/${delivery}/resend`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  return (
    <section className="webhook-log" data-testid="delivery-log" aria-labelledby="webhook-log-title">
      <header className="row">
        <h3 id="webhook-log-title">{t('wh.log.title', { name: webhook.name })}</h3>
        <span className="spacer" />
        <button type="button" className="link" onClick={() => void log.refetch()}>
          {t('wh.log.refresh')}
        </button>
        <button type="button" className="link" onClick={onClose}>
          {t('wh.log.close')}
        </button>
      </header>
      <p className="muted small">{t('wh.log.intro')}</p>
      {resend.isSuccess && <p className="muted small">{t('wh.log.resent')}</p>}
      {resend.error && <p className="error">{resend.error.message}</p>}
      <table className="grid compact webhook-log-table">
        <thead>
          <tr>
            <th>{t('wh.log.time')}</th>
            <th>{t('wh.log.event')}</th>
            <th>{t('wh.log.ticket')}</th>
            <th>{t('wh.log.status')}</th>
            <th>{t('wh.log.attempts')}</th>
            <th>{t('wh.log.codes')}</th>
            <th>{t('wh.log.error')}</th>
            <th>{t('wh.log.delivered')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {log.data?.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                {t('wh.log.none')}
              </td>
            </tr>
          )}
          {log.data?.map((d) => (
            <tr key={d.id} data-delivery={d.id} data-status={d.status}>
              <td className="nowrap">{formatTime(d.createdAt, locale)}</td>
              <td>{t(`trg.ev.${d.eventType}` as MessageKey)}</td>
              <td>
                {d.ticketId && (
                  <a href={href(`/tickets/${d.ticketId}`)} onClick={linkHandler(`/tickets/${d.ticketId}`)}>
                    {t('wh.log.ticket')}
                  </a>
                )}
              </td>
              <td>
                <span className={`badge delivery-${d.status}`}>{t(`wh.status.${d.status}`)}</span>
              </td>
              <td>{d.attempts}</td>
              <td className="delivery-codes">{responseCodes(d, t('wh.log.noAnswer'))}</td>
              <td className="delivery-error">{lastError(d)}</td>
              <td className="nowrap">{d.deliveredAt ? formatTime(d.deliveredAt, locale) : '—'}</td>
              <td className="actions">
                <button
                  type="button"
                  className="link"
                  disabled={resend.isPending || d.status === 'pending'}
                  onClick={() => resend.mutate(d.id)}
                >
                  {t('wh.log.resend')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
