import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName } from '../lib/lookups.ts';
import type { SlaCalendar } from '../lib/service-types.ts';
import type { Agent } from '../lib/types.ts';

interface AdminTeam {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  skills: string[];
  chatCalendarId: string | null;
  overflowTeamId: string | null;
  queueLimit: number | null;
}
interface Member extends Agent {
  teamIds: string[];
  disabled: boolean;
}

const splitSkills = (text: string) =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Teams and routing: names and skills, members (each agent's teams, as the agents screen sets
 * them), chat hours, overflow team and queue limit. Supervisors see it read-only.
 */
export function TeamsAdmin({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const teams = useQuery({
    queryKey: keys.teams,
    queryFn: () => api<{ items: AdminTeam[] }>('GET', '/teams'),
  });
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => api<{ items: Member[] }>('GET', '/agents'),
  });
  const calendars = useQuery({
    queryKey: keys.slaCalendars,
    queryFn: () => api<{ items: SlaCalendar[] }>('GET', '/sla/calendars'),
  });
  const all = teams.data?.items ?? [];
  return (
    <section className="desk-admin teams-admin">
      {!canEdit && <p className="muted">{t('desk.readOnly')}</p>}
      {canEdit && <NewTeam />}
      <p className="muted hint">
        {t('teams.overflowHint')} {t('teams.queueLimitHint')}
      </p>
      {[teams.error, agents.error, calendars.error].map(
        (e) =>
          e && (
            <p key={e.message} className="error">
              {e.message}
            </p>
          ),
      )}
      <div className="team-cards">
        {all.map((team) => (
          <TeamCard
            key={team.id}
            team={team}
            others={all.filter((o) => o.id !== team.id)}
            agents={(agents.data?.items ?? []).filter((a) => !a.disabled)}
            calendars={calendars.data?.items ?? []}
            canEdit={canEdit}
          />
        ))}
      </div>
    </section>
  );
}

function NewTeam() {
  const t = useT();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [skills, setSkills] = useState('');
  const create = useMutation({
    mutationFn: () => api('POST', '/admin/teams', { code, nameZh, nameEn, skills: splitSkills(skills) }),
    onSuccess: () => {
      setCode('');
      setNameZh('');
      setNameEn('');
      setSkills('');
      void client.invalidateQueries({ queryKey: keys.teams });
      void client.invalidateQueries({ queryKey: keys.chatHours });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('teams.create')}>
      <label>
        {t('desk.code')}
        <input
          name="teamCode"
          required
          pattern="[a-z][a-z0-9_\-]{1,40}"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      <label>
        {t('desk.nameZh')}
        <input name="teamNameZh" required value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
      </label>
      <label>
        {t('desk.nameEn')}
        <input name="teamNameEn" required value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
      </label>
      <label>
        {t('teams.skills')}
        <input name="teamSkills" value={skills} onChange={(e) => setSkills(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" disabled={create.isPending}>
          {t('teams.create')}
        </button>
        {create.error && <span className="error">{create.error.message}</span>}
      </div>
    </form>
  );
}

function TeamCard(props: {
  team: AdminTeam;
  others: AdminTeam[];
  agents: Member[];
  calendars: SlaCalendar[];
  canEdit: boolean;
}) {
  const { team, canEdit } = props;
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const [nameZh, setNameZh] = useState(team.nameZh);
  const [nameEn, setNameEn] = useState(team.nameEn);
  const [skills, setSkills] = useState(team.skills.join(', '));
  const [calendarId, setCalendarId] = useState(team.chatCalendarId ?? '');
  const [overflowTeamId, setOverflow] = useState(team.overflowTeamId ?? '');
  const [queueLimit, setQueueLimit] = useState(team.queueLimit === null ? '' : String(team.queueLimit));
  const changes = {
    ...(nameZh !== team.nameZh ? { nameZh } : {}),
    ...(nameEn !== team.nameEn ? { nameEn } : {}),
    ...(skills !== team.skills.join(', ') ? { skills: splitSkills(skills) } : {}),
    ...(overflowTeamId !== (team.overflowTeamId ?? '') ? { overflowTeamId: overflowTeamId || null } : {}),
    ...(queueLimit !== (team.queueLimit === null ? '' : String(team.queueLimit))
      ? { queueLimit: queueLimit === '' ? null : Number(queueLimit) }
      : {}),
  };
  const hoursChanged = calendarId !== (team.chatCalendarId ?? '');
  const save = useMutation({
    mutationFn: async () => {
      if (Object.keys(changes).length) await api('PATCH', `/admin/teams/${team.id}`, changes);
      if (hoursChanged)
        await api('PUT', `/admin/teams/${team.id}/chat-hours`, { calendarId: calendarId || null });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.teams });
      void client.invalidateQueries({ queryKey: keys.chatHours });
    },
  });
  const membership = useMutation({
    mutationFn: (v: { agent: Member; join: boolean }) =>
      api('PATCH', `/admin/agents/${v.agent.id}`, {
        teamIds: v.join ? [...v.agent.teamIds, team.id] : v.agent.teamIds.filter((id) => id !== team.id),
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.agents }),
  });
  const members = props.agents.filter((a) => a.teamIds.includes(team.id));
  const outsiders = props.agents.filter((a) => !a.teamIds.includes(team.id));
  const dirty = Object.keys(changes).length > 0 || hoursChanged;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="team-card panel" data-team={team.code} onSubmit={submit}>
      <h2>
        {localName(team, locale.language)} <code className="muted">{team.code}</code>
      </h2>
      <div className="team-grid">
        <label>
          {t('desk.nameZh')}
          <input
            name="nameZh"
            required
            disabled={!canEdit}
            value={nameZh}
            onChange={(e) => setNameZh(e.target.value)}
          />
        </label>
        <label>
          {t('desk.nameEn')}
          <input
            name="nameEn"
            required
            disabled={!canEdit}
            value={nameEn}
            onChange={(e) => setNameEn(e.target.value)}
          />
        </label>
        <label>
          {t('teams.skills')}
          <input
            name="skills"
            disabled={!canEdit}
            value={skills}
            onChange={(e) => setSkills(e.target.value)}
          />
        </label>
        <label>
          {t('teams.chatHours')}
          <select
            name="chatCalendar"
            disabled={!canEdit}
            value={calendarId}
            onChange={(e) => setCalendarId(e.target.value)}
          >
            <option value="">{t('teams.alwaysOpen')}</option>
            {props.calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label title={t('teams.overflowHint')}>
          {t('teams.overflow')}
          <select
            name="overflowTeam"
            disabled={!canEdit}
            value={overflowTeamId}
            onChange={(e) => setOverflow(e.target.value)}
          >
            <option value="">{t('teams.overflowNone')}</option>
            {props.others.map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o, locale.language)}
              </option>
            ))}
          </select>
        </label>
        <label title={t('teams.queueLimitHint')}>
          {t('teams.queueLimit')}
          <input
            name="queueLimit"
            type="number"
            min={1}
            max={100000}
            placeholder={t('teams.queueLimitDefault')}
            disabled={!canEdit}
            value={queueLimit}
            onChange={(e) => setQueueLimit(e.target.value)}
          />
        </label>
      </div>
      <div className="team-members">
        <span className="label">{t('teams.members')}</span>
        {members.length === 0 && <span className="muted">{t('teams.noMembers')}</span>}
        {members.map((m) => (
          <span key={m.id} className="chip" data-member={m.email}>
            {m.name}
            {canEdit && (
              <button
                type="button"
                className="link"
                aria-label={t('teams.removeMember', { name: m.name })}
                disabled={membership.isPending}
                onClick={() => membership.mutate({ agent: m, join: false })}
              >
                ×
              </button>
            )}
          </span>
        ))}
        {canEdit && outsiders.length > 0 && (
          <select
            name="addMember"
            aria-label={t('teams.addMember')}
            value=""
            disabled={membership.isPending}
            onChange={(e) => {
              const agent = outsiders.find((a) => a.id === e.target.value);
              if (agent) membership.mutate({ agent, join: true });
            }}
          >
            <option value="">{t('teams.addMember')}</option>
            {outsiders.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {canEdit && (
        <div className="row">
          <button type="submit" disabled={!dirty || save.isPending}>
            {t('desk.save')}
          </button>
          {save.isSuccess && !dirty && <span role="status">{t('desk.saved')}</span>}
          {save.error && <span className="error">{save.error.message}</span>}
          {membership.error && <span className="error">{membership.error.message}</span>}
        </div>
      )}
    </form>
  );
}
