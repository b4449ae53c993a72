import { type FormEvent, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import './setup.css';

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A code for a team or category from its name: ASCII letters and digits, else a fixed fallback. */
const codeFrom = (name: string, fallback: string) => {
  const code = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return /^[a-z][a-z0-9_-]{1,40}$/.test(code) ? code : fallback;
};

/**
 * The first-run page of a desk started without the demo: shown instead of the sign-in while the
 * server says no admin exists. It sets up the desk, signs the new admin in and offers 2FA.
 */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const t = useT();
  const zoneGuess = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [form, setForm] = useState({
    name: '',
    nameZh: '',
    prefix: 'KF',
    domains: '',
    mailboxes: '',
    adminName: '',
    adminEmail: '',
    password: '',
    language: navigator.language.startsWith('zh') ? 'zh-CN' : 'en',
    timeZone: zoneGuess,
    chinaHolidays: zoneGuess === 'Asia/Shanghai',
    team: '',
    category: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/setup', {
        desk: { name: form.name, nameZh: form.nameZh, ticketPrefix: form.prefix.toUpperCase() },
        domains: lines(form.domains),
        mailboxes: lines(form.mailboxes),
        admin: { email: form.adminEmail, name: form.adminName, password: form.password },
        language: form.language,
        timeZone: form.timeZone,
        chinaHolidays: form.chinaHolidays,
        team: { code: codeFrom(form.team, 'support'), nameZh: form.team, nameEn: form.team },
        category: { code: codeFrom(form.category, 'general'), nameZh: form.category, nameEn: form.category },
      });
      const answer = await api<{ csrfToken: string }>('POST', '/auth/sign-in', {
        email: form.adminEmail,
        password: form.password,
      });
      setCsrfToken(answer.csrfToken);
      setReady(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.failed'));
    } finally {
      setBusy(false);
    }
  }

  if (ready) {
    return (
      <div className="setup">
        <div className="panel setup-done" role="status">
          <h1>{t('setup.done')}</h1>
          <p>{t('setup.offer2fa')}</p>
          <div className="setup-actions">
            <button
              type="button"
              onClick={() => {
                navigate('/settings');
                onDone();
              }}
            >
              {t('setup.open2fa')}
            </button>
            <button type="button" onClick={onDone}>
              {t('setup.later')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  const zones = Intl.supportedValuesOf('timeZone');
  return (
    <div className="setup">
      <form onSubmit={submit} className="panel">
        <h1>{t('setup.title')}</h1>
        <p className="hint">{t('setup.intro')}</p>
        <fieldset>
          <legend>{t('setup.desk')}</legend>
          <label>
            {t('setup.deskName')}
            <input name="deskName" required maxLength={100} value={form.name} onChange={set('name')} />
          </label>
          <label>
            {t('setup.deskNameZh')}
            <input name="deskNameZh" maxLength={100} value={form.nameZh} onChange={set('nameZh')} />
          </label>
          <label>
            {t('setup.ticketPrefix')}
            <input
              name="prefix"
              required
              pattern="[A-Za-z]{1,6}"
              value={form.prefix}
              onChange={set('prefix')}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('setup.official')}</legend>
          <p className="hint">{t('setup.officialHint')}</p>
          <label>
            {t('setup.domains')}
            <textarea name="domains" rows={2} value={form.domains} onChange={set('domains')} />
          </label>
          <label>
            {t('setup.mailboxes')}
            <textarea name="mailboxes" rows={2} value={form.mailboxes} onChange={set('mailboxes')} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('setup.admin')}</legend>
          <label>
            {t('setup.adminName')}
            <input
              name="adminName"
              required
              maxLength={100}
              value={form.adminName}
              onChange={set('adminName')}
            />
          </label>
          <label>
            {t('setup.adminEmail')}
            <input
              name="adminEmail"
              type="email"
              autoComplete="username"
              required
              value={form.adminEmail}
              onChange={set('adminEmail')}
            />
          </label>
          <label>
            {t('setup.adminPassword')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={form.password}
              onChange={set('password')}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('setup.defaults')}</legend>
          <label>
            {t('setup.language')}
            <select name="language" value={form.language} onChange={set('language')}>
              <option value="zh-CN">简体中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            {t('setup.timeZone')}
            <select name="timeZone" value={form.timeZone} onChange={set('timeZone')}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input
              name="chinaHolidays"
              type="checkbox"
              checked={form.chinaHolidays}
              onChange={(e) => setForm((f) => ({ ...f, chinaHolidays: e.target.checked }))}
            />
            {t('setup.chinaHolidays')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('setup.firstTeam')}</legend>
          <label>
            {t('setup.teamName')}
            <input name="team" required maxLength={100} value={form.team} onChange={set('team')} />
          </label>
          <label>
            {t('setup.categoryName')}
            <input
              name="category"
              required
              maxLength={100}
              value={form.category}
              onChange={set('category')}
            />
          </label>
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
