import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Language, Role } from '../lib/types.ts';
import { teamName } from './AgentsAdmin.tsx';

interface Invite {
  id: string;
  email: string;
  name: string;
  role: Role;
  expiresAt: string;
}

/** Invite by one-time link: the link is shown once to hand over (and the open invitations listed). */
export function InviteForm({ teams }: { teams: Array<{ id: string; nameZh: string; nameEn: string }> }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const blank = {
    email: '',
    name: '',
    role: 'agent' as Role,
    teamIds: [] as string[],
    chatCapacity: 5,
    language: 'zh-CN' as Language,
  };
  const [form, setForm] = useState(blank);
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const invites = useQuery({
    queryKey: ['admin', 'invites'],
    queryFn: () => api<{ items: Invite[] }>('GET', '/admin/invites'),
  });
  const create = useMutation({
    mutationFn: () => api<{ url: string }>('POST', '/admin/invites', form),
    onSuccess: (answer) => {
      setLink({ name: form.name, url: answer.url });
      setForm(blank);
      void invites.refetch();
    },
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/invites/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'invites'] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section className="invite">
      <h2>{t('admin.agents.invite')}</h2>
      <form onSubmit={submit} className="admin-form">
        <label>
          {t('admin.agents.name')}
          <input
            name="inviteName"
            required
            maxLength={100}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label>
          {t('admin.agents.email')}
          <input
            name="inviteEmail"
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          {t('admin.agents.role')}
          <select
            name="inviteRole"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {(['agent', 'supervisor', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.agents.capacity')}
          <input
            name="inviteCapacity"
            type="number"
            min={0}
            max={100}
            value={form.chatCapacity}
            onChange={(e) => setForm({ ...form, chatCapacity: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('admin.agents.language')}
          <select
            name="inviteLanguage"
            value={form.language}
            onChange={(e) => setForm({ ...form, language: e.target.value as Language })}
          >
            <option value="zh-CN">简体中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <fieldset>
          <legend>{t('admin.agents.teams')}</legend>
          {teams.map((team) => (
            <label key={team.id} className="inline">
              <input
                type="checkbox"
                name="inviteTeam"
                checked={form.teamIds.includes(team.id)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    teamIds: e.target.checked
                      ? [...form.teamIds, team.id]
                      : form.teamIds.filter((id) => id !== team.id),
                  })
                }
              />
              {teamName(team, locale.language)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" disabled={create.isPending}>
            {t('admin.agents.inviteSend')}
          </button>
          {create.error && <span className="error">{create.error.message}</span>}
        </div>
      </form>
      {link && (
        <div className="once" role="status">
          <p>{t('admin.agents.inviteLink', { name: link.name })}</p>
          <input readOnly value={link.url} data-testid="invite-link" onFocus={(e) => e.target.select()} />
        </div>
      )}
      {(invites.data?.items.length ?? 0) > 0 && (
        <>
          <h3>{t('admin.agents.pending')}</h3>
          <ul className="pending-invites">
            {invites.data!.items.map((i) => (
              <li key={i.id}>
                {i.name} · {i.email} · {t(`role.${i.role}`)} · {formatTime(i.expiresAt, locale)}{' '}
                <button type="button" className="link" onClick={() => withdraw.mutate(i.id)}>
                  {t('admin.agents.withdraw')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
