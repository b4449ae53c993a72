import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { AllowedRanges } from './AllowedRanges.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { WebhookEditor } from './WebhookEditor.tsx';
import { blankWebhook, draftOf, type Webhook, type WebhookDraft, webhookState } from './webhook-types.ts';
import '../automations/triggers.css';
import './webhooks.css';

// The same key the trigger editor's "send webhook" action reads, so its list stays current too.
const KEY = ['admin', 'webhooks'];

/** Outgoing webhooks: subscriptions, their secrets, delivery logs, and the allowed private ranges. */
export function WebhooksAdmin() {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: Webhook[] }>('GET', '/admin/webhooks'),
    select: (d) => d.items,
  });
  const [editing, setEditing] = useState<{ id: string | null; draft: WebhookDraft } | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  // The whole secret is in one answer only (create, rotate): kept here until the admin dismisses it.
  const [revealed, setRevealed] = useState<{ name: string; secret: string } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: KEY, exact: true });
  const change = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<WebhookDraft> }) =>
      api<Webhook>('PATCH', `/admin/webhooks/${id}`, patch),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: (w: Webhook) => api<Webhook>('POST', `/admin/webhooks/${w.id}/rotate-secret`),
    onSuccess: async (saved) => {
      if (saved.secret) setRevealed({ name: saved.name, secret: saved.secret });
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (w: Webhook) => api('DELETE', `/admin/webhooks/${w.id}`),
    onSuccess: async (_, w) => {
      if (logOf === w.id) setLogOf(null);
      await refresh();
    },
  });
  const shownLog = list.data?.find((w) => w.id === logOf) ?? null;
  const failure = change.error ?? rotate.error ?? remove.error;
  return (
    <section className="panel webhooks-admin" data-testid="webhooks">
      <header className="row">
        <h2>{t('wh.title')}</h2>
        <span className="spacer" />
        {!editing && (
          <button type="button" onClick={() => setEditing({ id: null, draft: blankWebhook() })}>
            {t('wh.new')}
          </button>
        )}
      </header>
      <p className="muted small">{t('wh.intro')}</p>
      {revealed && (
        <div className="webhook-secret" role="status" data-testid="webhook-secret">
          <p>{t('wh.secretOnce', { name: revealed.name })}</p>
          <code>{revealed.secret}</code>{' '}
          <button type="button" className="link" onClick={() => setRevealed(null)}>
            {t('wh.secretDismiss')}
          </button>
        </div>
      )}
      {failure && <p className="error">{failure.message}</p>}
      {editing ? (
        <WebhookEditor
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          onDone={async (saved) => {
            setEditing(null);
            // Only a create answers with the whole secret (a change answers with it masked).
            if (saved && editing.id === null && saved.secret)
              setRevealed({ name: saved.name, secret: saved.secret });
            if (saved) await refresh();
          }}
        />
      ) : (
        <table className="grid compact webhooks-table">
          <thead>
            <tr>
              <th>{t('wh.name')}</th>
              <th>{t('wh.url')}</th>
              <th>{t('wh.events')}</th>
              <th>{t('wh.state')}</th>
              <th>{t('wh.secret')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('wh.none')}
                </td>
              </tr>
            )}
            {list.data?.map((w) => {
              const state = webhookState(w);
              return (
                <tr
                  key={w.id}
                  data-webhook={w.name}
                  data-state={state}
                  className={state === 'on' ? '' : 'muted'}
                >
                  <td>
                    {w.name}
                    {w.filter.length > 0 && (
                      <div className="muted small">
                        {t('wh.filter')}: {w.filter.length} · {t(`trg.match.${w.match}`)}
                      </div>
                    )}
                  </td>
                  <td className="webhook-url-cell">
                    <code>{w.url}</code>
                  </td>
                  <td>{w.events.map((e) => t(`trg.ev.${e}` as MessageKey)).join(', ')}</td>
                  <td className="webhook-state">
                    {state === 'disabled' ? (
                      <>
                        <span className="badge webhook-disabled">{t('wh.disabled')}</span>
                        <div className="small">
                          {w.disabledAt && t('wh.disabledSince', { at: formatTime(w.disabledAt, locale) })}
                        </div>
                        {w.disabledReason && <div className="small webhook-reason">{w.disabledReason}</div>}
                      </>
                    ) : (
                      <span className={`badge webhook-${state}`}>
                        {t(state === 'on' ? 'wh.on' : 'wh.off')}
                      </span>
                    )}
                    {state !== 'disabled' && w.failuresInRow > 0 && (
                      <div className="small error">{t('wh.failuresInRow', { count: w.failuresInRow })}</div>
                    )}
                  </td>
                  <td className="nowrap">
                    {w.secretUnreadable ? (
                      <span className="error small">{t('wh.secretUnreadable')}</span>
                    ) : (
                      <code>{w.secret}</code>
                    )}
                  </td>
                  <td className="actions">
                    <button type="button" className="link" onClick={() => setLogOf(w.id)}>
                      {t('wh.deliveries')}
                    </button>{' '}
                    {state === 'on' ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => change.mutate({ id: w.id, patch: { active: false } })}
                      >
                        {t('wh.turnOff')}
                      </button>
                    ) : (
                      // `active: true` also clears an automatic disable and its failure count (the API).
                      <button
                        type="button"
                        className="link"
                        onClick={() => change.mutate({ id: w.id, patch: { active: true } })}
                      >
                        {t(state === 'disabled' ? 'wh.reenable' : 'wh.turnOn')}
                      </button>
                    )}{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        window.confirm(t('wh.confirmRotate', { name: w.name })) && rotate.mutate(w)
                      }
                    >
                      {t('wh.rotate')}
                    </button>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setLogOf(null);
                        setEditing({ id: w.id, draft: draftOf(w) });
                      }}
                    >
                      {t('wh.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      className="link danger"
                      onClick={() =>
                        window.confirm(t('wh.confirmDelete', { name: w.name })) && remove.mutate(w)
                      }
                    >
                      {t('wh.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {shownLog && !editing && (
        <DeliveryLog key={shownLog.id} webhook={shownLog} onClose={() => setLogOf(null)} />
      )}
      <AllowedRanges />
    </section>
  );
}
