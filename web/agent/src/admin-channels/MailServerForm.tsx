import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';

export type Source = 'console' | 'environment' | null;
export interface Server {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  passwordSet: boolean;
  folder: string | null;
  source: Source;
}
export interface Dkim {
  domain: string;
  selector: string;
  privateKeySet: boolean;
  source: Source;
}
export interface Check {
  ok: boolean;
  detail: string;
}
export type Which = 'relay' | 'imap' | 'dkim';

const DEFAULTS = {
  relay: { host: '', port: '587', secure: false, user: '', folder: '' },
  imap: { host: '', port: '993', secure: true, user: '', folder: 'INBOX' },
};

/** The check's line in the server's own words ("Failed: 535 5.7.8 Authentication …"). */
export function CheckLine({ label, check }: { label: string; check: Check | null | undefined }) {
  const t = useT();
  if (!check) return null;
  return (
    <p className={check.ok ? 'test-ok' : 'error'}>
      {label}:{' '}
      {check.ok
        ? t('channels.testOk', { detail: check.detail })
        : t('channels.testFailed', { detail: check.detail })}
    </p>
  );
}

/**
 * Edits one of the mail servers. The password is write-only: the field starts empty, says whether
 * one is set, and an empty field keeps it. "Test" tries the values as typed, before saving.
 */
export function MailServerForm({
  which,
  server,
  dkim,
  onDone,
}: {
  which: Which;
  server: Server | null;
  dkim: Dkim | null;
  onDone: () => void;
}) {
  const t = useT();
  const start = which === 'dkim' ? DEFAULTS.relay : DEFAULTS[which];
  const [host, setHost] = useState(server?.host ?? start.host);
  const [port, setPort] = useState(server ? String(server.port) : start.port);
  const [secure, setSecure] = useState(server?.secure ?? start.secure);
  const [user, setUser] = useState(server?.user ?? start.user);
  const [password, setPassword] = useState('');
  const [folder, setFolder] = useState(server?.folder ?? start.folder);
  const [domain, setDomain] = useState(dkim?.domain ?? '');
  const [selector, setSelector] = useState(dkim?.selector ?? 'kefu');
  const [privateKey, setPrivateKey] = useState('');

  const values = () => {
    if (which === 'dkim') return { domain: domain.trim(), selector: selector.trim(), privateKey };
    const common = { host: host.trim(), port: Number(port), secure, user: user.trim() || null, password };
    return which === 'imap' ? { ...common, user: user.trim(), folder: folder.trim() || 'INBOX' } : common;
  };
  const save = useMutation({
    mutationFn: (value: unknown) => api('PUT', '/admin/email/servers', { [which]: value }),
    onSuccess: onDone,
  });
  const test = useMutation({
    mutationFn: () =>
      api<{ relay: Check | null; imap: Check | null }>('POST', '/admin/email/test', { [which]: values() }),
  });
  const label = t(`mail.${which}`);
  const secretSet = which === 'dkim' ? dkim?.privateKeySet : server?.passwordSet;
  const source = which === 'dkim' ? dkim?.source : server?.source;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(values());
  }

  return (
    <form
      className="admin-form mail-server-form"
      aria-label={t('mail.editServer', { name: label })}
      onSubmit={submit}
    >
      <h3>{t('mail.editServer', { name: label })}</h3>
      {which === 'dkim' ? (
        <>
          <label>
            {t('mail.dkimDomain')}
            <input name="dkimDomain" required value={domain} onChange={(e) => setDomain(e.target.value)} />
          </label>
          <label>
            {t('mail.dkimSelector')}
            <input
              name="dkimSelector"
              required
              value={selector}
              onChange={(e) => setSelector(e.target.value)}
            />
          </label>
          <label className="wide">
            {t('mail.dkimKey')}
            <textarea
              name="dkimKey"
              rows={4}
              required={!secretSet}
              autoComplete="off"
              spellCheck={false}
              placeholder={secretSet ? t('channels.secretSet') : '-----BEGIN PRIVATE KEY-----'}
              value={privateKey}
              onChange={(e) => setPrivateKey(e.target.value)}
            />
          </label>
        </>
      ) : (
        <>
          <label>
            {t('mail.host')}
            <input name="host" required value={host} onChange={(e) => setHost(e.target.value)} />
          </label>
          <label>
            {t('mail.port')}
            <input
              name="port"
              type="number"
              required
              min={1}
              max={65535}
              value={port}
              onChange={(e) => setPort(e.target.value)}
            />
          </label>
          <label className="inline">
            <input
              type="checkbox"
              name="secure"
              checked={secure}
              onChange={(e) => setSecure(e.target.checked)}
            />
            {t('mail.secure')}
          </label>
          <label>
            {t('mail.user')}
            <input
              name="user"
              autoComplete="off"
              required={which === 'imap'}
              value={user}
              onChange={(e) => setUser(e.target.value)}
            />
          </label>
          <label>
            {t('mail.password')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              placeholder={secretSet ? t('channels.secretSet') : t('mail.passwordNotSet')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {which === 'imap' && (
            <label>
              {t('mail.folder')}
              <input name="folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
            </label>
          )}
        </>
      )}
      <div className="row wide">
        <button type="submit" disabled={save.isPending}>
          {t('channels.save')}
        </button>
        {which !== 'dkim' && (
          <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
            {test.isPending ? t('channels.testing') : t('mail.testEdited')}
          </button>
        )}
        {source === 'console' && (
          <button type="button" className="link" onClick={() => save.mutate(null)}>
            {t('mail.useEnvironment')}
          </button>
        )}
        <button type="button" className="link" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {(save.error || test.error) && (
        <p className="error wide" role="alert">
          {(save.error ?? test.error)?.message}
        </p>
      )}
      {which !== 'dkim' && test.data && (
        <div className="mail-checks wide" role="status" data-testid="mail-edit-test">
          <CheckLine label={label} check={test.data[which]} />
        </div>
      )}
    </form>
  );
}
