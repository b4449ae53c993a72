import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Agent, Language, Role } from '../lib/types.ts';
import { InviteForm } from './InviteForm.tsx';

interface AdminAgent extends Agent {
  chatCapacity: number;
  disabled: boolean;
  teamIds: string[];
}
interface Team {
  id: string;
  nameZh: string;
  nameEn: string;
}
interface Session {
  id: string;
  userAgent: string | null;
  ip: string | null;
  lastSeenAt: string;
}

export const teamName = (team: Team, language: Language) => (language === 'en' ? team.nameEn : team.nameZh);

/** Every agent with role, teams and chat capacity editable in place, plus deactivation, 2FA reset and sessions. */
export function AgentsAdmin({ me }: { me: Agent }) {
  const t = useT();
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => api<{ items: AdminAgent[] }>('GET', '/agents'),
  });
  const teams = useQuery({ queryKey: keys.teams, queryFn: () => api<{ items: Team[] }>('GET', '/teams') });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="people-admin">
      <InviteForm teams={teams.data?.items ?? []} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {agents.error && <p className="error">{agents.error.message}</p>}
      <table className="people-table">
        <thead>
          <tr>
            <th>{t('admin.agents.name')}</th>
            <th>{t('admin.agents.role')}</th>
            <th>{t('admin.agents.teams')}</th>
            <th>{t('admin.agents.capacity')}</th>
            <th>{t('admin.agents.twoFactor')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(agents.data?.items ?? []).map((a) => (
            <AgentRow key={a.id} agent={a} me={me} teams={teams.data?.items ?? []} onNotice={setNotice} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AgentRow({
  agent,
  me,
  teams,
  onNotice,
}: {
  agent: AdminAgent;
  me: Agent;
  teams: Team[];
  onNotice: (text: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const [role, setRole] = useState<Role>(agent.role);
  const [teamIds, setTeamIds] = useState<string[]>(agent.teamIds);
  const [capacity, setCapacity] = useState(agent.chatCapacity);
  const [showSessions, setShowSessions] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: keys.agents });
  const fail = (err: Error) => setError(err.message);
  const save = useMutation({
    mutationFn: () => api('PATCH', `/admin/agents/${agent.id}`, { role, teamIds, chatCapacity: capacity }),
    onSuccess: () => {
      setError(null);
      onNotice(`${agent.name}: ${t('admin.agents.saved')}`);
      void refresh();
    },
    onError: fail,
  });
  const deactivate = useMutation({
    mutationFn: () => api<{ ticketsHandedBack: number }>('POST', `/admin/agents/${agent.id}/deactivate`),
    onSuccess: (answer) => {
      onNotice(t('admin.agents.handedBack', { name: agent.name, count: answer.ticketsHandedBack }));
      void refresh();
    },
    onError: fail,
  });
  const reset2fa = useMutation({
    mutationFn: () => api('POST', `/admin/agents/${agent.id}/reset-2fa`),
    onSuccess: () => void refresh(),
    onError: fail,
  });
  const sessions = useQuery({
    queryKey: ['admin', 'sessions', agent.id],
    queryFn: () => api<{ items: Session[] }>('GET', `/admin/agents/${agent.id}/sessions`),
    enabled: showSessions,
  });
  const endSessions = useMutation({
    mutationFn: () => api('DELETE', `/admin/agents/${agent.id}/sessions`),
    onSuccess: () => void sessions.refetch(),
    onError: fail,
  });
  const self = agent.id === me.id;
  const changed =
    role !== agent.role || capacity !== agent.chatCapacity || teamIds.join() !== agent.teamIds.join();

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      <tr className={agent.disabled ? 'disabled' : undefined} data-agent={agent.email}>
        <td>
          <strong>{agent.name}</strong>
          <div className="muted">{agent.email}</div>
          {agent.disabled && <span className="badge">{t('admin.agents.deactivated')}</span>}
        </td>
        <td>
          <select
            aria-label={t('admin.agents.role')}
            value={role}
            disabled={self || agent.disabled}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {(['agent', 'supervisor', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </td>
        <td className="team-picks">
          {teams.map((team) => (
            <label key={team.id} className="inline">
              <input
                type="checkbox"
                disabled={agent.disabled}
                checked={teamIds.includes(team.id)}
                onChange={(e) =>
                  setTeamIds((ids) =>
                    e.target.checked ? [...ids, team.id] : ids.filter((id) => id !== team.id),
                  )
                }
              />
              {teamName(team, locale.language)}
            </label>
          ))}
        </td>
        <td>
          <input
            aria-label={t('admin.agents.capacity')}
            type="number"
            min={0}
            max={100}
            value={capacity}
            disabled={agent.disabled}
            onChange={(e) => setCapacity(Number(e.target.value))}
            className="narrow"
          />
        </td>
        <td>{agent.twoFactor ? t('admin.agents.on') : t('admin.agents.off')}</td>
        <td>
          <form onSubmit={submit} className="row-actions">
            <button type="submit" disabled={!changed || save.isPending}>
              {t('admin.agents.save')}
            </button>
            <button type="button" className="link" onClick={() => setShowSessions((s) => !s)}>
              {t('admin.agents.sessions')}
            </button>
            {agent.twoFactor && !agent.disabled && !self && (
              <button
                type="button"
                className="link"
                onClick={() =>
                  window.confirm(t('admin.agents.reset2faConfirm', { name: agent.name })) && reset2fa.mutate()
                }
              >
                {t('admin.agents.reset2fa')}
              </button>
            )}
            {!self && !agent.disabled && (
              <button
                type="button"
                className="link danger"
                onClick={() =>
                  window.confirm(t('admin.agents.deactivateConfirm', { name: agent.name })) &&
                  deactivate.mutate()
                }
              >
                {t('admin.agents.deactivate')}
              </button>
            )}
          </form>
          {error && <p className="error">{error}</p>}
        </td>
      </tr>
      {showSessions && (
        <tr className="sessions-row">
          <td colSpan={6}>
            {(sessions.data?.items ?? []).length === 0 ? (
              <p className="muted">{t('admin.agents.noSessions')}</p>
            ) : (
              <ul>
                {sessions.data!.items.map((s) => (
                  <li key={s.id}>
                    {s.ip ?? '?'} · {s.userAgent ?? '?'} ·{' '}
                    {t('admin.agents.lastSeen', { time: formatTime(s.lastSeenAt, locale) })}
                  </li>
                ))}
              </ul>
            )}
            <button type="button" onClick={() => endSessions.mutate()}>
              {t('admin.agents.endSessions')}
            </button>
          </td>
        </tr>
      )}
    </>
  );
}
