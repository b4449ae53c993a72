import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { DryRun } from './DryRun.tsx';
import {
  ActionsFieldset,
  ConditionsFieldset,
  EventsFieldset,
  RuleHead,
  useRuleDraft,
} from './RuleFieldsets.tsx';
import type { Trigger, TriggerDraft } from './trigger-types.ts';

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
  const { draft, set, submit, error, busy } = useRuleDraft<TriggerDraft, Trigger>(
    initial,
    (d) =>
      id ? api<Trigger>('PATCH', `/admin/triggers/${id}`, d) : api<Trigger>('POST', '/admin/triggers', d),
    onDone,
  );
  return (
    <div className="trigger-editor">
      <form className="trigger-form" onSubmit={submit} aria-label={draft.name || t('trg.new')}>
        <RuleHead name={draft.name} position={draft.position} active={draft.active} onChange={set} />
        <EventsFieldset events={draft.events} onChange={(events) => set({ events })} />
        <ConditionsFieldset
          legend={t('trg.conditions')}
          empty={t('trg.noConditions')}
          match={draft.match}
          conditions={draft.conditions}
          added="text"
          onChange={set}
        />
        <ActionsFieldset actions={draft.actions} onChange={(actions) => set({ actions })} />
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
