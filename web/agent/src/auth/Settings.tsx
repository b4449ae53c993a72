import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import qrcode from 'qrcode-generator';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Agent } from '../lib/types.ts';
import { NotificationPreferences } from '../notifications/Preferences.tsx';
import { CannedAdmin } from './CannedAdmin.tsx';

/** The agent's own account: preferences, password, two-factor, sessions. */
export function Settings({ agent }: { agent: Agent }) {
  const t = useT();
  return (
    <div className="settings">
      <h1>{t('nav.settings')}</h1>
      <Preferences agent={agent} />
      <TwoFactor agent={agent} />
      <PasswordChange />
      <Sessions />
      <NotificationPreferences />
      {agent.role === 'admin' && <CannedAdmin />}
      <p className="muted">{t('settings.chatStatus')}</p>
    </div>
  );
}

function errorText(err: unknown, fallback: string) {
  return err instanceof ApiError ? err.message : fallback;
}

function Preferences({ agent }: { agent: Agent }) {
  const t = useT();
  const client = useQueryClient();
  const [timeZone, setTimeZone] = useState(agent.timeZone);
  const save = useMutation({
    mutationFn: () => api('PATCH', '/me/preferences', { timeZone }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
  const zones = Intl.supportedValuesOf('timeZone');
  return (
    <section className="panel">
      <h2>{t('settings.timeZone')}</h2>
      <select
        aria-label={t('settings.timeZone')}
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
      >
        {zones.map((z) => (
          <option key={z}>{z}</option>
        ))}
      </select>{' '}
      <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
        {t('common.save')}
      </button>
      {save.isError && <p className="error">{errorText(save.error, t('common.failed'))}</p>}
    </section>
  );
}

export function TwoFactor({ agent }: { agent: Agent }) {
  const t = useT();
  const client = useQueryClient();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  // A session alone cannot change two-factor: the password is asked again (and the server
  // mails the agent about the change).
  const [password, setPassword] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function start(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setEnrolment(await api<{ secret: string; uri: string }>('POST', '/auth/2fa/enrol', { password }));
    } catch (err) {
      setError(errorText(err, t('common.failed')));
    }
  }
  async function confirm(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await api<{ recoveryCodes: string[] }>('POST', '/auth/2fa/confirm', {
        password,
        code: code.trim(),
      });
      setRecovery(answer.recoveryCodes);
      setEnrolment(null);
      setPassword('');
      await client.invalidateQueries({ queryKey: keys.me });
    } catch (err) {
      setError(errorText(err, t('common.failed')));
    }
  }

  return (
    <section className="panel">
      <h2>{t('settings.twoFactor')}</h2>
      <p>{agent.twoFactor ? t('settings.twoFactorOn') : t('settings.twoFactorOff')}</p>
      {!agent.twoFactor && !enrolment && (
        <form onSubmit={start} className="enrol">
          <label>
            {t('settings.currentPassword')}
            <input
              name="enrol-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" disabled={!password}>
            {t('settings.enrol')}
          </button>
        </form>
      )}
      {enrolment && (
        <form onSubmit={confirm} className="enrol">
          <img className="qr" alt={t('settings.qr')} src={qrDataUrl(enrolment.uri)} />
          <p>
            {t('settings.secret')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <label>
            {t('signIn.totp')}
            <input
              name="enrol-code"
              inputMode="numeric"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit" className="primary">
            {t('settings.confirm')}
          </button>
        </form>
      )}
      {recovery && (
        <div className="recovery">
          <p>{t('settings.recovery')}</p>
          <pre>{recovery.join('\n')}</pre>
        </div>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}

/** The otpauth:// URI as a QR code image, drawn in the page (nothing leaves the browser). */
function qrDataUrl(uri: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(uri);
  qr.make();
  return qr.createDataURL(4, 8);
}

function PasswordChange() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => api('POST', '/auth/password', { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
    },
  });
  return (
    <section className="panel">
      <h2>{t('settings.password')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <label>
          {t('settings.currentPassword')}
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {t('settings.newPassword')}
          <input
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <button type="submit" disabled={change.isPending || !current || !next}>
          {t('settings.changePassword')}
        </button>
        {change.isSuccess && <p className="ok">{t('settings.passwordChanged')}</p>}
        {change.isError && <p className="error">{errorText(change.error, t('common.failed'))}</p>}
      </form>
    </section>
  );
}

interface Session {
  id: string;
  current: boolean;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

function Sessions() {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: keys.sessions,
    queryFn: () => api<{ items: Session[] }>('GET', '/auth/sessions'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/auth/sessions/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions }),
  });
  return (
    <section className="panel">
      <h2>{t('settings.sessions')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('settings.device')}</th>
            <th>IP</th>
            <th>{t('settings.lastSeen')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.data?.items.map((s) => (
            <tr key={s.id}>
              <td className="ellipsis">{s.userAgent ?? '—'}</td>
              <td>{s.ip ?? '—'}</td>
              <td>{formatTime(s.lastSeenAt, locale)}</td>
              <td>
                {s.current ? (
                  <em>{t('settings.thisSession')}</em>
                ) : (
                  <button type="button" onClick={() => revoke.mutate(s.id)}>
                    {t('settings.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
