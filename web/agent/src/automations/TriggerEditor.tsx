import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { DryRun } from './DryRun.tsx';
import { ActionRow, ConditionRow } from './RuleRows.tsx';
import {
  blankAction,
  blankCondition,
  EVENT_TYPES,
  type Trigger,
  type TriggerDraft,
} from './trigger-types.ts';

const replaceAt = <T,>(list: T[], i: number, v: T) => list.map((x, j) => (j === i ? v : x));

/** Creates or changes one trigger; the dry run tries the draft as it stands. */
export function TriggerEditor({
  id,
  initial,
  onDone,
}: {
  id: string | null;
  initial: TriggerDraft;
  onDone: (saved: Trigger | null) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<TriggerDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<TriggerDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = id
        ? await api<Trigger>('PATCH', `/admin/triggers/${id}`, draft)
        : await api<Trigger>('POST', '/admin/triggers', draft);
      onDone(saved);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="trigger-editor">
      <form className="trigger-form" onSubmit={save} aria-label={draft.name || t('trg.new')}>
        <div className="rule-row">
          <label>
            {t('trg.name')}
            <input
              name="name"
              required
              maxLength={120}
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          </label>
          <label>
            {t('trg.position')}
            <input
              name="position"
              type="number"
              min={0}
              max={10000}
              value={draft.position}
              onChange={(e) => set({ position: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
            />
          </label>
          <label className="inline">
            <input
              type="checkbox"
              name="active"
              checked={draft.active}
              onChange={(e) => set({ active: e.target.checked })}
            />
            {t('trg.active')}
          </label>
        </div>
        <fieldset>
          <legend>{t('trg.events')}</legend>
          {EVENT_TYPES.map((ev) => (
            <label key={ev} className="inline">
              <input
                type="checkbox"
                name="event"
                value={ev}
                checked={draft.events.includes(ev)}
                onChange={(e) =>
                  set({
                    events: e.target.checked ? [...draft.events, ev] : draft.events.filter((x) => x !== ev),
                  })
                }
              />
              {t(`trg.ev.${ev}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('trg.conditions')}</legend>
          <label className="inline">
            {t('trg.match')}
            <select
              name="match"
              value={draft.match}
              onChange={(e) => set({ match: e.target.value as 'all' | 'any' })}
            >
              <option value="all">{t('trg.match.all')}</option>
              <option value="any">{t('trg.match.any')}</option>
            </select>
          </label>
          {draft.conditions.length === 0 && <p className="muted small">{t('trg.noConditions')}</p>}
          {draft.conditions.map((c, i) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their place is their identity
              key={i}
              index={i}
              condition={c}
              onChange={(next) => set({ conditions: replaceAt(draft.conditions, i, next) })}
              onRemove={() => set({ conditions: draft.conditions.filter((_, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            className="link"
            onClick={() => set({ conditions: [...draft.conditions, blankCondition('text')] })}
          >
            + {t('trg.addCondition')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('trg.actions')}</legend>
          {draft.actions.map((a, i) => (
            <ActionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their place is their identity
              key={`${i}-${a.type}`}
              index={i}
              action={a}
              onChange={(next) => set({ actions: replaceAt(draft.actions, i, next) })}
              onRemove={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            className="link"
            onClick={() => set({ actions: [...draft.actions, blankAction('add_tags')] })}
          >
            + {t('trg.addAction')}
          </button>
        </fieldset>
        {error && <p className="error">{error}</p>}
        <div className="rule-row">
          <button type="submit" disabled={busy || draft.events.length === 0 || draft.actions.length === 0}>
            {t('trg.save')}
          </button>
          <button type="button" className="link" onClick={() => onDone(null)}>
            {t('trg.cancel')}
          </button>
        </div>
      </form>
      <DryRun draft={draft} />
    </div>
  );
}
