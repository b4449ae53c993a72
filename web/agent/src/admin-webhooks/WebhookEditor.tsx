import { ConditionsFieldset, EventsFieldset, useRuleDraft } from '../automations/RuleFieldsets.tsx';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { type Webhook, type WebhookDraft, webhookBody } from './webhook-types.ts';

/**
 * Creates or changes one subscription. The filter is the triggers' condition list (the API
 * checks it with the same code), so it is edited with the trigger editor's condition rows.
 */
export function WebhookEditor({
  id,
  initial,
  onDone,
}: {
  id: string | null;
  initial: WebhookDraft;
  onDone: (saved: Webhook | null) => void;
}) {
  const t = useT();
  const { draft, set, submit, error, busy } = useRuleDraft<WebhookDraft, Webhook>(
    initial,
    (d) =>
      id
        ? api<Webhook>('PATCH', `/admin/webhooks/${id}`, webhookBody(d, id === null))
        : api<Webhook>('POST', '/admin/webhooks', webhookBody(d, id === null)),
    onDone,
  );
  return (
    <div className="trigger-editor webhook-editor">
      <form className="trigger-form" onSubmit={submit} aria-label={draft.name || t('wh.new')}>
        <div className="rule-row">
          <label>
            {t('wh.name')}
            <input
              name="name"
              required
              maxLength={120}
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          </label>
          <label className="webhook-url">
            {t('wh.url')}
            <input
              name="url"
              type="url"
              required
              minLength={8}
              maxLength={2000}
              placeholder="https://erp.example.com/kefu-hook"
              value={draft.url}
              onChange={(e) => set({ url: e.target.value })}
            />
          </label>
          {id ? (
            <label className="inline">
              <input
                type="checkbox"
                name="active"
                checked={draft.active}
                onChange={(e) => set({ active: e.target.checked })}
              />
              {t('wh.active')}
            </label>
          ) : (
            <span className="muted small">{t('wh.newIsActive')}</span>
          )}
        </div>
        <EventsFieldset
          legend={t('wh.events')}
          events={draft.events}
          onChange={(events) => set({ events })}
        />
        <ConditionsFieldset
          legend={t('wh.filter')}
          empty={t('wh.noFilter')}
          match={draft.match}
          conditions={draft.filter}
          added="text"
          onChange={({ match, conditions }) =>
            set({ ...(match ? { match } : {}), ...(conditions ? { filter: conditions } : {}) })
          }
        />
        {error && <p className="error">{error}</p>}
        <div className="rule-row">
          <button type="submit" disabled={busy || draft.events.length === 0}>
            {t('wh.save')}
          </button>
          <button type="button" className="link" onClick={() => onDone(null)}>
            {t('wh.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
