import { useState } from 'react';
import { useFieldChangeWords } from '../fields/MacroFieldActions.tsx';
import { ApiError, api } from '../lib/api.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { type DryRunItem, EVENT_TYPES, type EventType, type TriggerDraft } from './trigger-types.ts';

const text = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);

/** Tries the trigger being edited on an existing ticket: what it would check and do; nothing is written. */
export function DryRun({ draft }: { draft: TriggerDraft }) {
  const t = useT();
  const custom = useFieldChangeWords();
  const isCustom = (field: string) => field.startsWith('field:') || field.startsWith('customer_field:');
  const [ticket, setTicket] = useState('');
  const [event, setEvent] = useState<EventType>(draft.events[0] ?? 'ticket.created');
  const [result, setResult] = useState<DryRunItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    setResult(null);
    try {
      const { name, events, match, conditions, actions } = draft;
      const res = await api<{ items: DryRunItem[] }>('POST', '/admin/triggers/dry-run', {
        ticket: ticket.trim(),
        event,
        trigger: { name: name || '—', events, match, conditions, actions },
      });
      setResult(res.items[0] ?? null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <section className="dry-run" aria-labelledby="dry-run-title" data-testid="dry-run">
      <h3 id="dry-run-title">{t('trg.dryRun')}</h3>
      <p className="muted small">{t('trg.dryRunIntro')}</p>
      <div className="rule-row">
        <input
          name="dryTicket"
          aria-label={t('trg.dryTicket')}
          placeholder="KF-000123"
          value={ticket}
          onChange={(e) => setTicket(e.target.value)}
        />
        <select
          name="dryEvent"
          aria-label={t('trg.dryEvent')}
          value={event}
          onChange={(e) => setEvent(e.target.value as EventType)}
        >
          {EVENT_TYPES.map((ev) => (
            <option key={ev} value={ev}>
              {t(`trg.ev.${ev}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="button" onClick={run} disabled={!ticket.trim() || draft.actions.length === 0}>
          {t('trg.dryGo')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {result && (
        <div className="dry-result" data-fires={result.wouldFire}>
          <p>
            <strong>{result.wouldFire ? t('trg.wouldFire') : t('trg.wouldNotFire')}</strong>
            {!result.listens && <> · {t('trg.notListening')}</>}
          </p>
          <ul className="plain">
            {result.conditions.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; their order is theirs
              <li key={i} data-holds={c.holds}>
                {c.holds ? '✓' : '✗'} {t(`trg.f.${c.condition.field}` as MessageKey)}{' '}
                {c.condition.field === 'custom_field' &&
                  `${custom.label(`${c.condition.entity === 'customer' ? 'customer_field' : 'field'}:${c.condition.key}`)} `}
                {t(`trg.op.${c.condition.op}` as MessageKey)} {text(c.condition.value)} —{' '}
                {c.holds ? t('trg.holds') : t('trg.fails')}
              </li>
            ))}
          </ul>
          {result.effect && (
            <>
              <h4>{t('trg.effect')}</h4>
              <ul className="plain effect">
                {result.effect.changes.map((c) => (
                  <li key={c.field}>
                    {isCustom(c.field) ? (
                      <>
                        {custom.label(c.field)}:{' '}
                        <span className="muted">{custom.value(c.field, c.from)}</span> →{' '}
                        {custom.value(c.field, c.to)}
                      </>
                    ) : (
                      <>
                        {c.field}: <span className="muted">{text(c.from)}</span> → {text(c.to)}
                      </>
                    )}
                  </li>
                ))}
                {result.effect.reply && <li className="pre">↩ {result.effect.reply.body}</li>}
                {result.effect.notes.map((n) => (
                  <li key={n} className="pre">
                    ✎ {n}
                  </li>
                ))}
                {result.effect.notify.map((n) => (
                  <li key={n.text}>🔔 {n.text}</li>
                ))}
                {result.effect.changes.length === 0 &&
                  !result.effect.reply &&
                  result.effect.notes.length === 0 && <li className="muted">{t('trg.noEffect')}</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
