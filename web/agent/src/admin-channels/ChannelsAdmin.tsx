import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { putSaved } from '../lib/cache.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import { ChannelForm } from './ChannelForm.tsx';
import type { Channel, CreatedChannel } from './kinds.ts';
import './channels.css';

interface Check {
  ok: boolean;
  detail: string;
}

/**
 * The social and webhook channels: listed with their health, added (the inbound URL and generated
 * secrets shown once), edited, tested against the platform, turned off and on.
 */
/** The channels list in the query cache: read here, and written at once after an edit. */
const CHANNELS_KEY = ['admin', 'channels'] as const;

export function ChannelsAdmin() {
  const t = useT();
  const locale = useLocale();
  const list = useQuery({
    queryKey: CHANNELS_KEY,
    queryFn: () => api<{ items: Channel[] }>('GET', '/channels'),
  });
  const client = useQueryClient();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const [checks, setChecks] = useState<Record<string, Check | 'pending'>>({});
  const toggle = useMutation({
    mutationFn: (c: Channel) => api('PATCH', `/channels/${c.id}`, { enabled: !c.enabled }),
    onSuccess: () => void list.refetch(),
  });
  const remove = useMutation({
    mutationFn: (c: Channel) => api<{ ok: true; platformNotified: boolean }>('DELETE', `/channels/${c.id}`),
    onSuccess: () => void list.refetch(),
  });
  const test = useMutation({
    mutationFn: (c: Channel) => api<Check>('POST', `/channels/${c.id}/test`),
    onMutate: (c) => setChecks((s) => ({ ...s, [c.id]: 'pending' })),
    onSuccess: (check, c) => setChecks((s) => ({ ...s, [c.id]: check })),
    onError: (err, c) => setChecks((s) => ({ ...s, [c.id]: { ok: false, detail: err.message } })),
  });
  const openForm = (target: Channel | 'new') => {
    setCreated(null);
    setEditing(target);
  };
  const when = (iso: string | null) => (iso ? formatTime(iso, locale) : t('channels.never'));

  return (
    <section className="channels-admin">
      {editing === null && (
        <div className="row">
          <button type="button" onClick={() => openForm('new')}>
            {t('channels.add')}
          </button>
        </div>
      )}
      {editing !== null && (
        <ChannelForm
          key={editing === 'new' ? 'new' : editing.id}
          channel={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={async (saved) => {
            if ('generatedSecrets' in saved) setCreated(saved);
            // The edited row shows what was saved at once: opening it again before the list's
            // refetch lands must not show the old settings (its health stays until then).
            else
              await putSaved<{ items: Channel[] }>(client, CHANNELS_KEY, (old) =>
                old ? { items: old.items.map((c) => (c.id === saved.id ? { ...c, ...saved } : c)) } : old,
              );
            setEditing(null);
            void list.refetch();
          }}
        />
      )}
      {created && (
        <div className="once" role="status" data-testid="channel-created">
          <p>{t('channels.createdTitle', { name: created.name })}</p>
          <label>
            {t('channels.inboundUrl')}
            <input
              readOnly
              value={created.inboundUrl}
              data-testid="inbound-url"
              onFocus={(e) => e.target.select()}
            />
          </label>
          {Object.entries(created.generatedSecrets).map(([key, value]) => (
            <label key={key}>
              <code>{key}</code>
              <input
                readOnly
                value={value}
                data-testid={`secret-${key}`}
                onFocus={(e) => e.target.select()}
              />
            </label>
          ))}
          <button type="button" className="link" onClick={() => setCreated(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data?.items.length === 0 && <p className="muted">{t('channels.none')}</p>}
      {(list.data?.items.length ?? 0) > 0 && (
        <table className="people-table channels-table">
          <thead>
            <tr>
              <th>{t('channels.name')}</th>
              <th>{t('channels.state')}</th>
              <th>{t('channels.health')}</th>
              <th>{t('channels.lastError')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data!.items.map((c) => {
              const check = checks[c.id];
              return (
                <tr key={c.id} data-channel={c.name} className={c.enabled ? undefined : 'disabled'}>
                  <td>
                    <strong>{c.name}</strong>
                    <div className="muted">{t(`channels.kind.${c.kind}`)}</div>
                    <code className="inbound muted">{c.inboundUrl}</code>
                  </td>
                  <td>{c.enabled ? t('channels.enabled') : t('channels.disabled')}</td>
                  <td className="nowrap">
                    ↓ {when(c.health.lastInAt)}
                    <br />↑ {when(c.health.lastOutAt)}
                  </td>
                  <td className="last-error">
                    {c.health.lastError ? (
                      <>
                        <span className="error">{c.health.lastError.text}</span>
                        <div className="muted">{when(c.health.lastError.at)}</div>
                      </>
                    ) : (
                      t('channels.never')
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" disabled={check === 'pending'} onClick={() => test.mutate(c)}>
                        {check === 'pending' ? t('channels.testing') : t('channels.test')}
                      </button>
                      <button type="button" className="link" onClick={() => openForm(c)}>
                        {t('channels.editAction')}
                      </button>
                      <button
                        type="button"
                        className={c.enabled ? 'link danger' : 'link'}
                        onClick={() =>
                          (!c.enabled || window.confirm(t('channels.disableConfirm', { name: c.name }))) &&
                          toggle.mutate(c)
                        }
                      >
                        {c.enabled ? t('channels.disable') : t('channels.enable')}
                      </button>
                      <button
                        type="button"
                        className="link danger"
                        disabled={remove.isPending}
                        onClick={() =>
                          window.confirm(t('channels.deleteConfirm', { name: c.name })) && remove.mutate(c)
                        }
                      >
                        {t('common.delete')}
                      </button>
                    </div>
                    {check && check !== 'pending' && (
                      <p className={check.ok ? 'test-ok' : 'error'} role="status" data-testid="test-result">
                        {check.ok
                          ? t('channels.testOk', { detail: check.detail })
                          : t('channels.testFailed', { detail: check.detail })}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {toggle.error && <p className="error">{toggle.error.message}</p>}
      {remove.error && <p className="error">{remove.error.message}</p>}
      {remove.data?.platformNotified === false && (
        <p className="warning" role="status">
          {t('channels.deletedPlatformAway', { name: remove.variables?.name ?? '' })}
        </p>
      )}
    </section>
  );
}
