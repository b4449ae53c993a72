import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';

interface Token {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** API tokens for integrations: created with scopes (the secret shown once), listed with last use, revoked. */
export function TokensAdmin() {
  const t = useT();
  const locale = useLocale();
  const tokens = useQuery({
    queryKey: ['admin', 'tokens'],
    queryFn: () => api<{ items: Token[]; availableScopes: string[] }>('GET', '/admin/api-tokens'),
  });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ token: string }>('POST', '/admin/api-tokens', { name, scopes }),
    onSuccess: (answer) => {
      setSecret(answer.token);
      setName('');
      setScopes([]);
      void tokens.refetch();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/api-tokens/${id}`),
    onSuccess: () => void tokens.refetch(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section className="tokens-admin">
      <h2>{t('admin.tokens.create')}</h2>
      <form onSubmit={submit} className="admin-form">
        <label>
          {t('admin.tokens.name')}
          <input
            name="tokenName"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t('admin.tokens.scopes')}</legend>
          {(tokens.data?.availableScopes ?? []).map((scope) => (
            <label key={scope} className="inline">
              <input
                type="checkbox"
                name="scope"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))
                }
              />
              <code>{scope}</code>
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" disabled={create.isPending || scopes.length === 0}>
            {t('admin.tokens.create')}
          </button>
          {create.error && <span className="error">{create.error.message}</span>}
        </div>
      </form>
      {secret && (
        <div className="once" role="status">
          <p>{t('admin.tokens.shownOnce')}</p>
          <input readOnly value={secret} data-testid="new-token" onFocus={(e) => e.target.select()} />
        </div>
      )}
      <table className="people-table">
        <thead>
          <tr>
            <th>{t('admin.tokens.name')}</th>
            <th>{t('admin.tokens.scopes')}</th>
            <th>{t('admin.tokens.lastUsed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.data?.items ?? []).map((token) => (
            <tr key={token.id} data-token={token.name}>
              <td>
                {token.name} <code className="muted">{token.prefix}…</code>
              </td>
              <td>{token.scopes.join(', ')}</td>
              <td>{token.lastUsedAt ? formatTime(token.lastUsedAt, locale) : t('admin.tokens.never')}</td>
              <td>
                <button
                  type="button"
                  className="link danger"
                  onClick={() =>
                    window.confirm(t('admin.tokens.revokeConfirm', { name: token.name })) &&
                    revoke.mutate(token.id)
                  }
                >
                  {t('admin.tokens.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
