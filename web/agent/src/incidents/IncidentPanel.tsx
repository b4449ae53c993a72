import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import { href, linkHandler } from '../lib/router.ts';
import type { TicketDetail, TicketStatus } from '../lib/types.ts';
import './incidents.css';

export interface Incident {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  public: boolean;
  bannerZh: string;
  bannerEn: string;
  linkedCount: number;
}

interface TicketIncident {
  incident: Incident | null;
  linkedTo: Incident | null;
  linked: Array<{
    id: string;
    number: string;
    title: string;
    status: TicketStatus;
    channel: string;
    language: string;
  }>;
}

export const incidentKeys = {
  open: ['incidents', 'open'] as const,
  ofTicket: (id: string) => ['incidents', 'ticket', id] as const,
};

export function useOpenIncidents(enabled = true) {
  return useQuery({
    queryKey: incidentKeys.open,
    queryFn: () => api<{ items: Incident[] }>('GET', '/incidents'),
    select: (d) => d.items,
    enabled,
  });
}

const errorText = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** The ticket's incident: what it is or is linked to, and the incident's tools. */
export function IncidentPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const client = useQueryClient();
  const state = useQuery({
    queryKey: incidentKeys.ofTicket(ticket.id),
    queryFn: () => api<TicketIncident>('GET', `/tickets/${ticket.id}/incident`),
  });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['incidents'] });
    await client.invalidateQueries({ queryKey: keys.ticket(ticket.number) });
  };
  if (!state.data) return null;
  const { incident, linkedTo, linked } = state.data;
  return (
    <section className="panel incident-panel" data-testid="incident-panel">
      <h3>{t('incident.title')}</h3>
      {incident ? (
        <IncidentTools incident={incident} linked={linked} onChange={refresh} />
      ) : linkedTo ? (
        <LinkedTo ticket={ticket} incident={linkedTo} onChange={refresh} />
      ) : (
        <NotLinked ticket={ticket} onChange={refresh} />
      )}
    </section>
  );
}

function LinkedTo({
  ticket,
  incident,
  onChange,
}: {
  ticket: TicketDetail;
  incident: Incident;
  onChange: () => Promise<void>;
}) {
  const t = useT();
  const unlink = useMutation({
    mutationFn: () => api('DELETE', `/incidents/${incident.id}/links/${ticket.id}`),
    onSuccess: onChange,
  });
  return (
    <div className="incident-linked-to">
      <p>
        {t('incident.linkedTo')}{' '}
        <a href={href(`/tickets/${incident.number}`)} onClick={linkHandler(`/tickets/${incident.number}`)}>
          {incident.number}
        </a>{' '}
        <span className="ellipsis">{incident.title}</span>
      </p>
      <button type="button" className="link" onClick={() => unlink.mutate()} disabled={unlink.isPending}>
        {t('incident.unlink')}
      </button>
      {unlink.isError && <p className="error">{errorText(unlink.error, t('common.failed'))}</p>}
    </div>
  );
}

function NotLinked({ ticket, onChange }: { ticket: TicketDetail; onChange: () => Promise<void> }) {
  const t = useT();
  const open = useOpenIncidents();
  const [chosen, setChosen] = useState('');
  const mark = useMutation({
    mutationFn: () => api('POST', '/incidents', { ticket: ticket.id }),
    onSuccess: onChange,
  });
  const link = useMutation({
    mutationFn: () => api('POST', `/incidents/${chosen}/links`, { tickets: [ticket.id] }),
    onSuccess: onChange,
  });
  const error = mark.error ?? link.error;
  return (
    <div className="incident-none">
      <p className="muted">{t('incident.markHint')}</p>
      <button type="button" onClick={() => mark.mutate()} disabled={mark.isPending}>
        {t('incident.mark')}
      </button>
      {(open.data?.length ?? 0) > 0 && (
        <div className="incident-row">
          <select
            name="incident"
            aria-label={t('incident.linkTo')}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">{t('incident.choose')}</option>
            {open.data?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.number} {i.title}
              </option>
            ))}
          </select>
          <button type="button" disabled={!chosen || link.isPending} onClick={() => link.mutate()}>
            {t('incident.link')}
          </button>
        </div>
      )}
      {error && <p className="error">{errorText(error, t('common.failed'))}</p>}
    </div>
  );
}

function IncidentTools({
  incident,
  linked,
  onChange,
}: {
  incident: Incident;
  linked: TicketIncident['linked'];
  onChange: () => Promise<void>;
}) {
  const t = useT();
  const [banner, setBanner] = useState({
    public: incident.public,
    bannerZh: incident.bannerZh,
    bannerEn: incident.bannerEn,
  });
  const [refs, setRefs] = useState('');
  const [reply, setReply] = useState({ zh: '', en: '' });
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api('PATCH', `/incidents/${incident.id}`, banner),
    onSuccess: async () => {
      setNote(t('incident.saved'));
      await onChange();
    },
  });
  const link = useMutation({
    mutationFn: () =>
      api<{ linked: number }>('POST', `/incidents/${incident.id}/links`, {
        tickets: refs
          .split(/[,，\s]+/)
          .map((r) => r.trim())
          .filter(Boolean),
      }),
    onSuccess: async (res) => {
      setRefs('');
      setNote(t('incident.linked', { count: res.linked }));
      await onChange();
    },
  });
  const send = useMutation({
    mutationFn: () => api<{ linkedCount: number }>('POST', `/incidents/${incident.id}/replies`, reply),
    onSuccess: async (res) => {
      setReply({ zh: '', en: '' });
      setNote(t('incident.sent', { count: res.linkedCount }));
      await onChange();
    },
  });
  const error = save.error ?? link.error ?? send.error;
  const submitLink = (e: FormEvent) => {
    e.preventDefault();
    if (refs.trim()) link.mutate();
  };
  return (
    <div className="incident-tools">
      <p>
        <strong>{t('incident.isIncident', { count: incident.linkedCount })}</strong>
      </p>
      <p className="muted">{t('incident.solveHint')}</p>
      <form onSubmit={submitLink} className="incident-row">
        <input
          name="linkTickets"
          aria-label={t('incident.linkTickets')}
          placeholder={t('incident.linkTickets')}
          value={refs}
          onChange={(e) => setRefs(e.target.value)}
        />
        <button type="submit" disabled={link.isPending}>
          {t('incident.link')}
        </button>
      </form>
      {linked.length > 0 && (
        <details className="incident-list">
          <summary>
            {t('incident.linkedList')} ({linked.length})
          </summary>
          <ul>
            {linked.map((l) => (
              <li key={l.id}>
                <a href={href(`/tickets/${l.number}`)} onClick={linkHandler(`/tickets/${l.number}`)}>
                  {l.number}
                </a>{' '}
                <span className={`badge status-${l.status}`}>{t(`status.${l.status}`)}</span> {l.channel} ·{' '}
                {l.language}
              </li>
            ))}
          </ul>
        </details>
      )}
      <form
        className="incident-reply"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <h4>{t('incident.replyAll')}</h4>
        <textarea
          name="incidentZh"
          aria-label={t('incident.replyZh')}
          placeholder={t('incident.replyZh')}
          value={reply.zh}
          onChange={(e) => setReply((r) => ({ ...r, zh: e.target.value }))}
        />
        <textarea
          name="incidentEn"
          aria-label={t('incident.replyEn')}
          placeholder={t('incident.replyEn')}
          value={reply.en}
          onChange={(e) => setReply((r) => ({ ...r, en: e.target.value }))}
        />
        <button
          type="submit"
          className="primary"
          disabled={send.isPending || !(reply.zh.trim() || reply.en.trim())}
        >
          {t('incident.send')}
        </button>
      </form>
      <form
        className="incident-banner"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="check">
          <input
            type="checkbox"
            name="incidentPublic"
            checked={banner.public}
            onChange={(e) => setBanner((b) => ({ ...b, public: e.target.checked }))}
          />
          {t('incident.public')}
        </label>
        <input
          name="bannerZh"
          aria-label={t('incident.bannerZh')}
          placeholder={t('incident.bannerZh')}
          value={banner.bannerZh}
          maxLength={300}
          onChange={(e) => setBanner((b) => ({ ...b, bannerZh: e.target.value }))}
        />
        <input
          name="bannerEn"
          aria-label={t('incident.bannerEn')}
          placeholder={t('incident.bannerEn')}
          value={banner.bannerEn}
          maxLength={300}
          onChange={(e) => setBanner((b) => ({ ...b, bannerEn: e.target.value }))}
        />
        <button type="submit" disabled={save.isPending}>
          {t('incident.saveBanner')}
        </button>
      </form>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
      {error && <p className="error">{errorText(error, t('common.failed'))}</p>}
    </div>
  );
}
