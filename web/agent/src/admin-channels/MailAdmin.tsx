import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { localName, useCategories, useTeams } from '../lib/lookups.ts';
import {
  type Check,
  CheckLine,
  type Dkim,
  MailServerForm,
  type Server,
  type Source,
  type Which,
} from './MailServerForm.tsx';
import './channels.css';

interface Mailbox {
  address: string;
  categoryId: string | null;
  teamId: string | null;
  active: boolean;
  fromConfig: boolean;
  /** Mail in to it, sent from it, and its last failed send (as the other channels' health). */
  health: {
    lastInAt: string | null;
    lastOutAt: string | null;
    lastError: { at: string; text: string } | null;
  };
}
interface EmailView {
  enabled: boolean;
  mailboxes: Mailbox[];
  relay: Server | null;
  imap: Server | null;
  listener: { host: string; port: number; starttls: boolean } | null;
  dkim: Dkim | null;
  /** Stored secrets sealed under another APP_SECRET: type them again. */
  unreadable: string[];
  subjectTags: { tag: string; categoryCode: string }[];
}

/**
 * The email channel: its servers (no passwords), editable here, with a live connection test, the
 * support addresses and where each one's mail goes, and the subject tags that pick a category.
 */
export function MailAdmin() {
  const t = useT();
  const locale = useLocale();
  const { language } = locale;
  const when = (iso: string | null) => (iso ? formatTime(iso, locale) : t('channels.never'));
  const view = useQuery({
    queryKey: ['admin', 'email'],
    queryFn: () => api<EmailView>('GET', '/admin/email'),
  });
  const categories = useCategories();
  const teams = useTeams();
  const [address, setAddress] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [editing, setEditing] = useState<Which | null>(null);
  const refresh = () => void view.refetch();
  const add = useMutation({
    mutationFn: () =>
      api('POST', '/admin/email/mailboxes', { address: address.trim(), categoryId: categoryId || null }),
    onSuccess: () => {
      setAddress('');
      setCategoryId('');
      refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ box, change }: { box: Mailbox; change: Partial<Mailbox> }) =>
      api('PATCH', `/admin/email/mailboxes/${encodeURIComponent(box.address)}`, change),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: () => api<{ relay: Check | null; imap: Check | null }>('POST', '/admin/email/test'),
  });

  if (view.error) return <p className="error">{view.error.message}</p>;
  if (!view.data) return <p className="loading">…</p>;
  const data = view.data;
  if (!data.enabled) return <p className="muted mail-off">{t('mail.off')}</p>;

  const describe = (s: Server | null) =>
    s
      ? `${s.secure ? 'TLS ' : ''}${s.host}:${s.port}${s.folder ? `/${s.folder}` : ''}${s.user ? ` · ${s.user} · ${t(s.passwordSet ? 'mail.passwordSet' : 'mail.passwordNotSet')}` : ''}`
      : t('mail.notSet');
  const from = (source: Source | undefined) =>
    source ? <span className="muted mail-source"> ({t(`mail.source.${source}`)})</span> : null;
  const editButton = (which: Which) => (
    <button
      type="button"
      className="link"
      aria-label={t('mail.editServer', { name: t(`mail.${which}`) })}
      onClick={() => setEditing(which)}
    >
      {t('mail.edit')}
    </button>
  );
  const categoryName = (id: string | null) =>
    localName(
      categories.data?.find((c) => c.id === id),
      language,
    );
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <section className="mail-admin">
      <h2>{t('mail.servers')}</h2>
      <p className="muted">{t('mail.serversNote')}</p>
      {data.unreadable.length > 0 && (
        <p className="error" role="alert">
          {t('mail.unreadable', { names: data.unreadable.join(', ') })}
        </p>
      )}
      <dl className="mail-servers">
        <dt>{t('mail.relay')}</dt>
        <dd data-server="relay">
          {describe(data.relay)}
          {from(data.relay?.source)} {editButton('relay')}
        </dd>
        <dt>{t('mail.imap')}</dt>
        <dd data-server="imap">
          {describe(data.imap)}
          {from(data.imap?.source)} {editButton('imap')}
        </dd>
        <dt>{t('mail.listener')}</dt>
        <dd>
          {data.listener
            ? `${data.listener.host}:${data.listener.port}${data.listener.starttls ? ' · STARTTLS' : ''}`
            : t('mail.notSet')}
        </dd>
        <dt>{t('mail.dkim')}</dt>
        <dd data-server="dkim">
          {data.dkim ? `${data.dkim.selector}._domainkey.${data.dkim.domain}` : t('mail.notSet')}
          {from(data.dkim?.source)} {editButton('dkim')}
        </dd>
      </dl>
      {editing && (
        <MailServerForm
          key={editing}
          which={editing}
          server={editing === 'dkim' ? null : data[editing]}
          dkim={data.dkim}
          onDone={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      <div className="row">
        <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? t('channels.testing') : t('mail.test')}
        </button>
        {test.error && <span className="error">{test.error.message}</span>}
      </div>
      {test.data && (
        <div className="mail-checks" role="status" data-testid="mail-test">
          <CheckLine label={t('mail.relay')} check={test.data.relay} />
          <CheckLine label={t('mail.imap')} check={test.data.imap} />
        </div>
      )}

      <h2>{t('mail.mailboxes')}</h2>
      <table className="people-table mail-table">
        <thead>
          <tr>
            <th>{t('mail.address')}</th>
            <th>{t('mail.category')}</th>
            <th>{t('mail.team')}</th>
            <th>{t('mail.active')}</th>
            <th>{t('channels.health')}</th>
            <th>{t('channels.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {data.mailboxes.map((box) => (
            <tr key={box.address} data-mailbox={box.address} className={box.active ? undefined : 'disabled'}>
              <td>
                {box.address}
                {box.fromConfig && <div className="muted">{t('mail.fromConfig')}</div>}
              </td>
              <td>
                <select
                  name="mailboxCategory"
                  aria-label={`${t('mail.category')} ${box.address}`}
                  value={box.categoryId ?? ''}
                  onChange={(e) => update.mutate({ box, change: { categoryId: e.target.value || null } })}
                >
                  <option value="">{t('mail.noCategory')}</option>
                  {categories.data?.map((c) => (
                    <option key={c.id} value={c.id}>
                      {localName(c, language)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  name="mailboxTeam"
                  aria-label={`${t('mail.team')} ${box.address}`}
                  value={box.teamId ?? ''}
                  onChange={(e) => update.mutate({ box, change: { teamId: e.target.value || null } })}
                >
                  <option value="">{t('mail.noTeam')}</option>
                  {teams.data?.map((team) => (
                    <option key={team.id} value={team.id}>
                      {localName(team, language)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  name="mailboxActive"
                  aria-label={`${t('mail.active')} ${box.address}`}
                  checked={box.active}
                  disabled={box.fromConfig}
                  onChange={(e) => update.mutate({ box, change: { active: e.target.checked } })}
                />
              </td>
              <td className="nowrap mailbox-health">
                ↓ {when(box.health.lastInAt)}
                <br />↑ {when(box.health.lastOutAt)}
              </td>
              <td className="last-error">
                {box.health.lastError ? (
                  <>
                    <span className="error">{box.health.lastError.text}</span>
                    <div className="muted">{when(box.health.lastError.at)}</div>
                  </>
                ) : (
                  t('channels.never')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {update.error && <p className="error">{update.error.message}</p>}
      <form className="admin-form" onSubmit={submit}>
        <label>
          {t('mail.address')}
          <input
            name="mailboxAddress"
            type="email"
            required
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
        </label>
        <label>
          {t('mail.category')}
          <select
            name="mailboxNewCategory"
            value={categoryId}
            onChange={(e) => setCategoryId(e.target.value)}
          >
            <option value="">{t('mail.noCategory')}</option>
            {categories.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, language)}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <button type="submit" disabled={add.isPending}>
            {t('mail.add')}
          </button>
          {add.error && (
            <span className="error" role="alert">
              {add.error.message}
            </span>
          )}
        </div>
      </form>

      <h2>{t('mail.tags')}</h2>
      <p className="muted">{t('mail.tagsNote')}</p>
      <table className="people-table tags-table">
        <thead>
          <tr>
            <th>{t('mail.tag')}</th>
            <th>{t('mail.category')}</th>
          </tr>
        </thead>
        <tbody>
          {data.subjectTags.map((tag) => {
            const category = categories.data?.find((c) => c.code === tag.categoryCode);
            return (
              <tr key={tag.tag}>
                <td>【{tag.tag}】</td>
                <td>{category ? categoryName(category.id) : <code>{tag.categoryCode}</code>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
