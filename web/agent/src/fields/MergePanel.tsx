import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, queryString } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Page, TicketDetail, TicketSummary } from '../lib/types.ts';
import './fields.css';

const OPEN = ['new', 'open', 'pending', 'on_hold'];

/**
 * Merge from the ticket: the customer's other open tickets, pick some, confirm, and they go into
 * this one (POST /tickets/:id/merge). Their threads move here; the server refuses what it must
 * (another customer, a merged or closed ticket) in the agent's language, shown here.
 */
export function MergePanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const candidates = useQuery({
    queryKey: ['tickets', 'merge-candidates', ticket.customer.id],
    queryFn: () =>
      api<Page<TicketSummary>>(
        'GET',
        `/tickets${queryString({ customerId: ticket.customer.id, status: OPEN, limit: 50 })}`,
      ),
    enabled: open,
  });
  const merge = useMutation({
    mutationFn: () => api<TicketDetail>('POST', `/tickets/${ticket.id}/merge`, { tickets: picked }),
    onSuccess: (fresh) => {
      client.setQueryData(keys.ticket(ticket.number), fresh);
      void client.invalidateQueries({ queryKey: keys.tickets });
      setPicked([]);
      setConfirming(false);
      setOpen(false);
    },
    onError: () => {
      setConfirming(false);
      // What changed under the agent (a ticket closed or merged meanwhile) shows in the list.
      void candidates.refetch();
    },
  });
  const others = (candidates.data?.items ?? []).filter((c) => c.id !== ticket.id);
  const toggle = (number: string) =>
    setPicked((p) => (p.includes(number) ? p.filter((x) => x !== number) : [...p, number]));
  return (
    <section className="panel merge" data-testid="merge-panel">
      <h3>{t('merge.title')}</h3>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('merge.start')}
        </button>
      ) : (
        <>
          <p className="muted">{t('merge.hint', { number: ticket.number })}</p>
          {candidates.isPending && <p className="loading">…</p>}
          {candidates.data && others.length === 0 && <p className="muted">{t('merge.none')}</p>}
          <ul className="merge-candidates">
            {others.map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.includes(c.number)}
                    onChange={() => toggle(c.number)}
                    aria-label={c.number}
                  />{' '}
                  <span className="mono">{c.number}</span> <span className="ellipsis">{c.title}</span>{' '}
                  <span className="muted">
                    {t(`status.${c.status}`)} · {formatTime(c.createdAt, locale)}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {confirming ? (
            <div className="row" role="alertdialog" aria-label={t('merge.confirmTitle')}>
              <span>{t('merge.confirm', { count: picked.length, number: ticket.number })}</span>
              <button type="button" disabled={merge.isPending} onClick={() => merge.mutate()}>
                {t('merge.do')}
              </button>
              <button type="button" className="link" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <div className="row">
              <button type="button" disabled={picked.length === 0} onClick={() => setConfirming(true)}>
                {t('merge.next', { count: picked.length })}
              </button>
              <button type="button" className="link" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </button>
            </div>
          )}
          {merge.error && (
            <p className="error" role="alert">
              {merge.error.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
