import { useMutation } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import type { Agent } from '../lib/types.ts';
import { TwoFactor } from './Settings.tsx';
import './enrol.css';

/**
 * Shown instead of the desk when the admins require two-factor of this agent's role and it is not
 * set up: the server refuses everything else until it is. Once on, the recovery codes stay on
 * screen until the agent goes on to the desk.
 */
export function EnrolRequired({ agent, onDone }: { agent: Agent; onDone(): void }) {
  const t = useT();
  const signOut = useMutation({
    mutationFn: () => api('POST', '/auth/sign-out'),
    onSuccess: () => location.reload(),
  });
  return (
    <main className="settings enrol-required" data-testid="enrol-required">
      <h1>{t('enrolRequired.title')}</h1>
      <p>{t('enrolRequired.why')}</p>
      <TwoFactor agent={agent} />
      <div className="row">
        <button type="button" className="primary" disabled={!agent.twoFactor} onClick={onDone}>
          {t('enrolRequired.continue')}
        </button>
        <button type="button" onClick={() => signOut.mutate()}>
          {t('enrolRequired.signOut')}
        </button>
      </div>
    </main>
  );
}
