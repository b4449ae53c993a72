import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import './restrict.css';

export interface Found {
  id: string;
  uid: string | null;
  name: string | null;
  email: string | null;
  restriction: { kind: 'muted' | 'blocked'; until: string | null } | null;
}

const DURATIONS = [60, 1440, 10080, 43200] as const;
export const who = (c: { name: string | null; uid: string | null; email: string | null }) =>
  c.name ?? c.uid ?? c.email ?? '?';

interface Restriction {
  kind: 'muted' | 'blocked' | 'none';
  until: string | null;
  reason: string;
}

/**
 * Mute or block from where the abuse is seen (the ticket's customer panel, the chat's header):
 * the customer's state now, a button that opens the form, and Lift. The server audits each change
 * and tells the customer, in their language, when they try to write.
 */
export function CustomerRestriction({ customer }: { customer: Omit<Found, 'restriction'> }) {
  const t = useT();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const current = useQuery({
    queryKey: ['customer-restriction', customer.id],
    queryFn: () => api<Restriction>('GET', `/customers/${customer.id}/restriction`),
  });
  const change = useMutation({
    mutationFn: (v: { kind: Restriction['kind']; minutes?: number; reason?: string }) =>
      api<Restriction>('PUT', `/customers/${customer.id}/restriction`, {
        kind: v.kind,
        ...(v.minutes ? { minutes: v.minutes } : {}),
        reason: v.reason ?? '',
      }),
    onSuccess: () => {
      setOpen(false);
      void current.refetch();
    },
  });
  const r = current.data;
  const restriction = r && r.kind !== 'none' ? { kind: r.kind, until: r.until } : null;
  const state = restriction
    ? restriction.kind === 'blocked'
      ? t('restrict.blocked')
      : t('restrict.mutedUntil', { time: formatTime(restriction.until!, locale) })
    : null;
  return (
    <div className="customer-restriction">
      {state && (
        <span className={`badge restrict-${restriction!.kind}`} data-testid="restriction-state">
          {state}
        </span>
      )}
      {restriction && (
        <button type="button" disabled={change.isPending} onClick={() => change.mutate({ kind: 'none' })}>
          {t('restrict.lift')}
        </button>
      )}
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('restrict.open')}
      </button>
      {open && (
        <RestrictForm
          customer={{ ...customer, restriction }}
          state={state}
          busy={change.isPending}
          onChange={(v) => change.mutate(v)}
        />
      )}
      {change.error && <p className="error">{change.error.message}</p>}
    </div>
  );
}

/** Mute (with a duration) or block, with a reason; lift when restricted. Also in the ticket and chat views. */
export function RestrictForm(props: {
  customer: Found;
  state: string | null;
  busy: boolean;
  onChange(v: { kind: 'muted' | 'blocked' | 'none'; minutes?: number; reason?: string }): void;
}) {
  const t = useT();
  const [minutes, setMinutes] = useState<number>(60);
  const [reason, setReason] = useState('');
  const c = props.customer;
  return (
    <div className="restrict-form panel" data-found={c.uid ?? c.id}>
      <div>
        <strong>{who(c)}</strong>{' '}
        <span className="muted">{[c.uid, c.email].filter(Boolean).join(' · ')}</span>
        {props.state && <span className="badge">{props.state}</span>}
      </div>
      <div className="row">
        <label>
          {t('restrict.reason')}
          <input name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label>
          {t('restrict.duration')}
          <select name="minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {t(`restrict.minutes.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={props.busy}
          onClick={() => props.onChange({ kind: 'muted', minutes, reason })}
        >
          {t('restrict.mute')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={props.busy}
          onClick={() =>
            window.confirm(t('restrict.blockConfirm', { name: who(c) })) &&
            props.onChange({ kind: 'blocked', reason })
          }
        >
          {t('restrict.block')}
        </button>
        {c.restriction && (
          <button type="button" disabled={props.busy} onClick={() => props.onChange({ kind: 'none' })}>
            {t('restrict.lift')}
          </button>
        )}
      </div>
    </div>
  );
}
