import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import './channels.css';

const KINDS = ['domain', 'email', 'phone', 'telegram', 'wechat', 'weibo', 'x'] as const;
type Kind = (typeof KINDS)[number];

interface Official {
  id: string;
  kind: Kind;
  value: string;
  name: string;
  note: string;
  sourceChannelId: string | null;
}

/**
 * The official-channel registry the verify page answers from: domains, mailboxes, numbers and
 * handles an admin lists, beside the accounts the configured channels put there themselves.
 */
export function OfficialChannels() {
  const t = useT();
  const list = useQuery({
    queryKey: ['admin', 'official'],
    queryFn: () => api<{ items: Official[] }>('GET', '/safety/channels'),
  });
  const [kind, setKind] = useState<Kind>('domain');
  const [value, setValue] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api('POST', '/safety/channels', {
        kind,
        value: value.trim(),
        name: name.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: () => {
      setValue('');
      setName('');
      setNote('');
      void list.refetch();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/safety/channels/${id}`),
    onSuccess: () => void list.refetch(),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <section className="official-admin">
      <p className="muted">{t('official.intro')}</p>
      <form className="admin-form" onSubmit={submit} aria-label={t('official.add')}>
        <label>
          {t('official.kind')}
          <select name="officialKind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`official.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('official.value')}
          <input
            name="officialValue"
            required
            minLength={2}
            maxLength={300}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <label>
          {t('official.name')}
          <input
            name="officialName"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="wide">
          {t('official.note')}
          <input
            name="officialNote"
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <div className="row">
          <button type="submit" disabled={add.isPending}>
            {t('official.add')}
          </button>
          {add.error && (
            <span className="error" role="alert">
              {add.error.message}
            </span>
          )}
        </div>
      </form>
      {list.error && <p className="error">{list.error.message}</p>}
      <table className="people-table official-table">
        <thead>
          <tr>
            <th>{t('official.kind')}</th>
            <th>{t('official.value')}</th>
            <th>{t('official.name')}</th>
            <th>{t('official.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((row) => (
            <tr key={row.id} data-official={row.value}>
              <td>{t(`official.kind.${row.kind}`)}</td>
              <td>
                <code>{row.value}</code>
              </td>
              <td>{row.name}</td>
              <td>{row.note}</td>
              <td>
                {row.sourceChannelId ? (
                  <span className="muted">{t('official.managed')}</span>
                ) : (
                  <button
                    type="button"
                    className="link danger"
                    onClick={() =>
                      window.confirm(t('official.removeConfirm', { value: row.value })) &&
                      remove.mutate(row.id)
                    }
                  >
                    {t('official.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {remove.error && <p className="error">{remove.error.message}</p>}
    </section>
  );
}
