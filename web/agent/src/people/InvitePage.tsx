import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import '../setup/setup.css';

/** Where an invitation link lands: the invitee chooses a password, then signs in as usual. */
export function InvitePage({ token }: { token: string }) {
  const t = useT();
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api<{ email: string; name: string }>('GET', `/invites/${token}`),
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/invites/${token}/accept`, { password });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.failed'));
    }
  }

  return (
    <div className="setup">
      <form onSubmit={submit} className="panel">
        <h1>{t('invite.title')}</h1>
        {invite.error ? (
          <p className="error" role="alert">
            {invite.error.message}
          </p>
        ) : done ? (
          <>
            <p role="status">{t('invite.done')}</p>
            <button type="button" onClick={() => navigate('/')}>
              {t('invite.toSignIn')}
            </button>
          </>
        ) : invite.data ? (
          <>
            <p>{t('invite.intro', { name: invite.data.name, email: invite.data.email })}</p>
            <label>
              {t('invite.password')}
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit">{t('invite.submit')}</button>
          </>
        ) : (
          <p className="loading">…</p>
        )}
      </form>
    </div>
  );
}
