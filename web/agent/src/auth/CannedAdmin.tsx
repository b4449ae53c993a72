import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { CannedReply } from '../lib/types.ts';

/** Admins keep the canned replies here (POST/DELETE /admin/canned-replies). */
export function CannedAdmin() {
  const t = useT();
  const client = useQueryClient();
  const [shortcut, setShortcut] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const list = useQuery({
    queryKey: keys.canned(''),
    queryFn: () => api<{ items: CannedReply[] }>('GET', '/canned-replies'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['canned'] });
  const create = useMutation({
    mutationFn: () => api('POST', '/admin/canned-replies', { shortcut: shortcut.trim(), title, body }),
    onSuccess: () => {
      setShortcut('');
      setTitle('');
      setBody('');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/admin/canned-replies/${id}`),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="panel">
      <h2>{t('canned.title')}</h2>
      <table className="grid">
        <tbody>
          {list.data?.items.map((c) => (
            <tr key={c.id}>
              <td>
                <kbd>{c.shortcut}</kbd>
              </td>
              <td>{c.title}</td>
              <td className="ellipsis">{c.body}</td>
              <td>
                <button type="button" className="link" onClick={() => remove.mutate(c.id)}>
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="canned-form">
        <input
          placeholder={t('canned.shortcut')}
          aria-label={t('canned.shortcut')}
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
          required
        />
        <input
          placeholder={t('canned.name')}
          aria-label={t('canned.name')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <textarea
          placeholder={t('canned.body')}
          aria-label={t('canned.body')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={3}
          required
        />
        <button type="submit" disabled={create.isPending}>
          {t('canned.add')}
        </button>
        {create.isError && (
          <p className="error">
            {create.error instanceof ApiError ? create.error.message : t('common.failed')}
          </p>
        )}
      </form>
    </section>
  );
}
