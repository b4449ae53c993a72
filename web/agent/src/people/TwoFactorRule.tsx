import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys, putSaved } from '../lib/cache.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import type { Agent, Role } from '../lib/types.ts';

const ROLES: Role[] = ['admin', 'supervisor', 'agent'];

/** Which roles must sign in with two-factor, and who of them has not set it up yet. */
export function TwoFactorRule() {
  const t = useT();
  const client = useQueryClient();
  const rule = useQuery({
    queryKey: ['admin', 'two-factor-rule'],
    queryFn: () => api<{ roles: Role[] }>('GET', '/admin/two-factor-rule'),
  });
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => api<{ items: Array<Agent & { disabled: boolean }> }>('GET', '/agents'),
  });
  const [notice, setNotice] = useState<string | null>(null);
  // The admin's choice, set in the click's own handler: the mutation's pending state reaches React
  // only on TanStack's next scheduled tick (a setTimeout), and until then React would put the
  // controlled box back as it was (a browser test saw the tick land after its check of the box).
  const [choice, setChoice] = useState<Role[] | null>(null);
  const save = useMutation({
    mutationFn: (roles: Role[]) => api<{ roles: Role[] }>('PUT', '/admin/two-factor-rule', { roles }),
    // putSaved cancels a read of the rule still on its way: landing after the save, it would put
    // the old rule back (the box the admin just ticked would untick itself). While the save is on
    // its way the boxes show its choice (below), whatever a read brings.
    onSuccess: async (saved) => {
      await putSaved(client, ['admin', 'two-factor-rule'], saved);
      setNotice(t('twoFactorRule.saved'));
    },
    onSettled: () => setChoice(null),
  });
  // The boxes show the choice at once while it saves (a refusal puts the saved rule back).
  const roles = choice ?? rule.data?.roles ?? [];
  const choose = (next: Role[]) => {
    setChoice(next);
    save.mutate(next);
  };
  const toggle = (role: Role, on: boolean) => choose(on ? [...roles, role] : roles.filter((r) => r !== role));
  const without = (agents.data?.items ?? []).filter(
    (a) => !a.disabled && !a.twoFactor && roles.includes(a.role),
  );
  return (
    <section className="desk-admin two-factor-rule">
      <p className="muted">{t('twoFactorRule.intro')}</p>
      {rule.error && <p className="error">{rule.error.message}</p>}
      {rule.isSuccess && (
        <fieldset className="two-factor-roles" disabled={save.isPending}>
          <label className="inline">
            <input
              type="checkbox"
              name="twoFactorEveryone"
              checked={roles.length === ROLES.length}
              onChange={(e) => choose(e.target.checked ? ROLES : [])}
            />
            <strong>{t('twoFactorRule.everyone')}</strong>
          </label>
          {ROLES.map((role) => (
            <label key={role} className="inline">
              <input
                type="checkbox"
                name="twoFactorRole"
                value={role}
                checked={roles.includes(role)}
                onChange={(e) => toggle(role, e.target.checked)}
              />
              {t(`twoFactorRule.role.${role}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {save.error && <p className="error">{save.error.message}</p>}
      {rule.isSuccess && roles.length > 0 && (
        <p data-testid="without-two-factor">
          {without.length
            ? t('twoFactorRule.without', { names: without.map((a) => a.name).join(', ') })
            : t('twoFactorRule.allSet')}
        </p>
      )}
    </section>
  );
}
