import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName } from '../lib/lookups.ts';
import { useQueues } from './context.tsx';
import { formatWait } from './format.ts';

interface AssignResult {
  results: Array<{ ticketId: string; ok: boolean; code?: string }>;
}

/**
 * Supervisors: each team's queue (waiting, longest wait), each agent's status and load, and
 * queued chats given to an agent in bulk (POST /chat/assign, capacity checked per chat).
 */
export default function Supervisor() {
  const t = useT();
  const { language } = useLocale();
  const client = useQueryClient();
  const queues = useQueues(3_000);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [agentId, setAgentId] = useState('');
  const assign = useMutation({
    mutationFn: () => api<AssignResult>('POST', '/chat/assign', { ticketIds: [...selected], agentId }),
    onSuccess: () => {
      setSelected(new Set());
      client.invalidateQueries({ queryKey: keys.chatQueues });
    },
  });
  const data = queues.data;
  if (!data) return <p className="loading">…</p>;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const result = assign.data?.results;
  return (
    <div className="supervisor">
      <h1>{t('supervisor.title')}</h1>
      <table className="teams-load">
        <thead>
          <tr>
            <th>{t('supervisor.team')}</th>
            <th>{t('supervisor.waiting')}</th>
            <th>{t('supervisor.longest')}</th>
          </tr>
        </thead>
        <tbody>
          {data.teams.map((team) => (
            <tr key={team.id} data-testid={`team-${team.nameEn}`}>
              <td>{localName(team, language)}</td>
              <td className="num" data-testid="waiting">
                {team.waiting}
              </td>
              <td className="num">{team.waiting ? formatWait(team.longestWaitSeconds, language) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('supervisor.queued')}</h2>
      <ul className="queued">
        {data.teams.flatMap((team) =>
          team.chats.map((c) => (
            <li key={c.ticketId}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.has(c.ticketId)}
                  onChange={() => toggle(c.ticketId)}
                />{' '}
                {c.number} · {c.customerName ?? '—'} · {c.title}{' '}
                <span className="muted">
                  {localName(team, language)} · {formatWait(c.waitSeconds, language)}
                </span>
              </label>
            </li>
          )),
        )}
      </ul>
      <div className="bulk">
        <select name="assign-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          <option value="">{t('supervisor.assignTo')}</option>
          {data.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.load}/{a.capacity})
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!agentId || selected.size === 0 || assign.isPending}
          onClick={() => assign.mutate()}
        >
          {t('supervisor.assign')}
        </button>
        {result && (
          <span className="muted">
            {t('supervisor.assigned', {
              ok: result.filter((r) => r.ok).length,
              failed: result.filter((r) => !r.ok).length,
            })}
          </span>
        )}
      </div>

      <h2>{t('supervisor.agents')}</h2>
      <table className="agents-load">
        <thead>
          <tr>
            <th>{t('supervisor.agents')}</th>
            <th>{t('supervisor.status')}</th>
            <th>{t('supervisor.load')}</th>
            <th>{t('supervisor.chats')}</th>
          </tr>
        </thead>
        <tbody>
          {data.agents.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>
                <span className={`dot status-${a.status}`} /> {t(`presence.${a.status}`)}
              </td>
              <td className="num">
                {a.load}/{a.capacity}
              </td>
              <td>
                {a.chats.map((c) => (
                  <label key={c.ticketId} className="held">
                    <input
                      type="checkbox"
                      checked={selected.has(c.ticketId)}
                      onChange={() => toggle(c.ticketId)}
                    />{' '}
                    {c.number} · {c.customerName ?? '—'}
                  </label>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
