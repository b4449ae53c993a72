import { type FormEvent, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';

interface SignInAnswer {
  status: 'signed_in' | 'totp_required';
  csrfToken: string;
}

/** Password first; when the agent has two-factor on, the TOTP (or a recovery code) second. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useT();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === 'password') {
        const answer = await api<SignInAnswer>('POST', '/auth/sign-in', { email, password });
        setCsrfToken(answer.csrfToken);
        if (answer.status === 'totp_required') {
          setStep('totp');
          return;
        }
      } else {
        await api('POST', '/auth/totp', { code: code.trim() });
      }
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <form onSubmit={submit} className="panel">
        <h1>Kefu 客服</h1>
        {step === 'password' ? (
          <>
            <label>
              {t('signIn.email')}
              <input
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label>
              {t('signIn.password')}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        ) : (
          <label>
            {t('signIn.totp')}
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              // biome-ignore lint/a11y/noAutofocus: the only field of this step
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <small>{t('signIn.totpHint')}</small>
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {step === 'password' ? t('signIn.submit') : t('signIn.verify')}
        </button>
      </form>
    </div>
  );
}
