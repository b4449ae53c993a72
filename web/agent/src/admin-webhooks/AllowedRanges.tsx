import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { AllowedRange } from './webhook-types.ts';

/**
 * The private ranges webhooks may reach. The desk refuses private, loopback and link-local targets
 * at send time (after DNS), so an on-premise receiver needs its range listed here; removing a
 * range takes effect from the next delivery attempt (each send reads the list afresh).
 */
export function AllowedRanges() {
  const t = useT();
  const locale = useLocale();
  const list = useQuery({
    queryKey: ['admin', 'webhooks', 'allowed-ranges'],
    queryFn: () => api<{ items: AllowedRange[] }>('GET', '/admin/webhooks/allowed-ranges'),
    select: (d) => d.items,
  });
  const [cidr, setCidr] = useState('');
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => api('PUT', '/admin/webhooks/allowed-ranges', { cidr: cidr.trim(), note: note.trim() }),
    onSuccess: () => {
      setCidr('');
      setNote('');
      void list.refetch();
    },
  });
  const remove = useMutation({
    mutationFn: (range: string) =>
      api('DELETE', `/admin/webhooks/allowed-ranges?cidr=${encodeURIComponent(range)}`),
    onSuccess: () => void list.refetch(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section className="webhook-ranges" aria-labelledby="webhook-ranges-title">
      <h3 id="webhook-ranges-title">{t('wh.ranges.title')}</h3>
      <p className="muted small">{t('wh.ranges.intro')}</p>
      <table className="grid compact webhook-ranges-table">
        <thead>
          <tr>
            <th>{t('wh.ranges.cidr')}</th>
            <th>{t('wh.ranges.note')}</th>
            <th>{t('wh.ranges.added')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t('wh.ranges.none')}
              </td>
            </tr>
          )}
          {list.data?.map((r) => (
            <tr key={r.cidr} data-range={r.cidr}>
              <td className="nowrap">
                <code>{r.cidr}</code>
              </td>
              <td>{r.note}</td>
              <td className="nowrap">{formatTime(r.createdAt, locale)}</td>
              <td className="actions">
                <button
                  type="button"
                  className="link danger"
                  onClick={() =>
                    window.confirm(t('wh.ranges.confirmRemove', { cidr: r.cidr })) && remove.mutate(r.cidr)
                  }
                >
                  {t('wh.ranges.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="rule-row webhook-range-form" onSubmit={submit} aria-label={t('wh.ranges.add')}>
        <label>
          {t('wh.ranges.cidr')}
          <input
            name="cidr"
            required
            minLength={3}
            maxLength={64}
            placeholder="10.20.0.0/16"
            value={cidr}
            onChange={(e) => setCidr(e.target.value)}
          />
        </label>
        <label>
          {t('wh.ranges.note')}
          <input name="rangeNote" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={add.isPending || !cidr.trim()}>
          {t('wh.ranges.add')}
        </button>
      </form>
      {(add.error ?? remove.error) && <p className="error">{(add.error ?? remove.error)!.message}</p>}
    </section>
  );
}
