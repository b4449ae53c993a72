import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../lib/api.ts';
import { type MessageKey, useT } from '../lib/i18n.ts';
import { ActionRow, ConditionRow } from './RuleRows.tsx';
import {
  type Action,
  blankAction,
  blankCondition,
  type Condition,
  type ConditionField,
  EVENT_TYPES,
  type EventType,
} from './trigger-types.ts';

/**
 * The parts of a rule's form that triggers, time rules and webhook filters share (the API checks
 * all three with the same condition and action code): the events, the condition list with its
 * all/any, and the action list.
 */

const replaceAt = <T,>(list: T[], i: number, v: T) => list.map((x, j) => (j === i ? v : x));

export function EventsFieldset({
  legend,
  events,
  onChange,
}: {
  legend?: string;
  events: readonly EventType[];
  onChange: (events: EventType[]) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{legend ?? t('trg.events')}</legend>
      {EVENT_TYPES.map((ev) => (
        <label key={ev} className="inline">
          <input
            type="checkbox"
            name="event"
            value={ev}
            checked={events.includes(ev)}
            onChange={(e) => onChange(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
          />
          {t(`trg.ev.${ev}` as MessageKey)}
        </label>
      ))}
    </fieldset>
  );
}

export function ConditionsFieldset({
  legend,
  empty,
  match,
  conditions,
  added,
  onChange,
}: {
  legend: string;
  /** What an empty list means for this kind of rule. */
  empty: string;
  match: 'all' | 'any';
  conditions: Condition[];
  /** The field a new row starts on. */
  added: ConditionField;
  onChange: (patch: { match?: 'all' | 'any'; conditions?: Condition[] }) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label className="inline">
        {t('trg.match')}
        <select
          name="match"
          value={match}
          onChange={(e) => onChange({ match: e.target.value as 'all' | 'any' })}
        >
          <option value="all">{t('trg.match.all')}</option>
          <option value="any">{t('trg.match.any')}</option>
        </select>
      </label>
      {conditions.length === 0 && <p className="muted small">{empty}</p>}
      {conditions.map((c, i) => (
        <ConditionRow
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their place is their identity
          key={i}
          index={i}
          condition={c}
          onChange={(next) => onChange({ conditions: replaceAt(conditions, i, next) })}
          onRemove={() => onChange({ conditions: conditions.filter((_, j) => j !== i) })}
        />
      ))}
      <button
        type="button"
        className="link"
        onClick={() => onChange({ conditions: [...conditions, blankCondition(added)] })}
      >
        + {t('trg.addCondition')}
      </button>
    </fieldset>
  );
}

export function ActionsFieldset({
  actions,
  types,
  note,
  onChange,
}: {
  actions: Action[];
  /** The action types this kind of rule may run (all by default). */
  types?: readonly Action['type'][];
  note?: ReactNode;
  onChange: (actions: Action[]) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('trg.actions')}</legend>
      {actions.map((a, i) => (
        <ActionRow
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their place is their identity
          key={`${i}-${a.type}`}
          index={i}
          action={a}
          {...(types ? { types } : {})}
          onChange={(next) => onChange(replaceAt(actions, i, next))}
          onRemove={() => onChange(actions.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="link" onClick={() => onChange([...actions, blankAction('add_tags')])}>
        + {t('trg.addAction')}
      </button>
      {note}
    </fieldset>
  );
}

/**
 * A rule editor's draft and its save: `submit` sends it with `save` and hands the answer to
 * `onDone`; a refusal shows the server's message (in the agent's language) and keeps the draft.
 */
export function useRuleDraft<D extends object, S>(
  initial: D,
  save: (draft: D) => Promise<S>,
  onDone: (saved: S) => void,
) {
  const [draft, setDraft] = useState<D>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<D>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await save(draft));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { draft, set, submit, error, busy };
}

/** A rule's name, its place in the running order, and whether it is on. */
export function RuleHead({
  name,
  position,
  active,
  onChange,
}: {
  name: string;
  position: number;
  active: boolean;
  onChange: (patch: { name?: string; position?: number; active?: boolean }) => void;
}) {
  const t = useT();
  return (
    <div className="rule-row">
      <label>
        {t('trg.name')}
        <input
          name="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => onChange({ name: e.target.value })}
        />
      </label>
      <label>
        {t('trg.position')}
        <input
          name="position"
          type="number"
          min={0}
          max={10000}
          value={position}
          onChange={(e) => onChange({ position: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          name="active"
          checked={active}
          onChange={(e) => onChange({ active: e.target.checked })}
        />
        {t('trg.active')}
      </label>
    </div>
  );
}
