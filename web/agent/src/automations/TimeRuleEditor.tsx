import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { DuePreview } from './DuePreview.tsx';
import { ActionsFieldset, ConditionsFieldset, RuleHead, useRuleDraft } from './RuleFieldsets.tsx';
import { TimeWhenInputs } from './TimeWhenInputs.tsx';
import { TIME_RULE_ACTIONS, type TimeRule, type TimeRuleDraft } from './time-rule-types.ts';

/**
 * Creates or changes one time rule. Conditions and actions are the triggers' own rows (the API
 * shares their schema); beside the form, the tickets the saved rule is due for now.
 */
export function TimeRuleEditor({
  id,
  initial,
  onDone,
}: {
  id: string | null;
  initial: TimeRuleDraft;
  onDone: (saved: TimeRule | null) => void;
}) {
  const t = useT();
  const { draft, set, submit, error, busy } = useRuleDraft<TimeRuleDraft, TimeRule>(
    initial,
    (d) =>
      id
        ? api<TimeRule>('PATCH', `/admin/time-rules/${id}`, d)
        : api<TimeRule>('POST', '/admin/time-rules', d),
    onDone,
  );
  return (
    <div className="trigger-editor time-rule-editor">
      <form className="trigger-form" onSubmit={submit} aria-label={draft.name || t('tr.new')}>
        <RuleHead name={draft.name} position={draft.position} active={draft.active} onChange={set} />
        <TimeWhenInputs when={draft.when} onChange={(when) => set({ when })} />
        <ConditionsFieldset
          legend={t('trg.conditions')}
          empty={t('tr.noConditions')}
          match={draft.match}
          conditions={draft.conditions}
          added="status"
          onChange={set}
        />
        <ActionsFieldset
          actions={draft.actions}
          types={TIME_RULE_ACTIONS}
          note={<p className="muted small">{t('tr.noWebhook')}</p>}
          onChange={(actions) => set({ actions })}
        />
        {error && <p className="error">{error}</p>}
        <div className="rule-row">
          <button type="submit" disabled={busy || draft.actions.length === 0}>
            {t('tr.save')}
          </button>
          <button type="button" className="link" onClick={() => onDone(null)}>
            {t('trg.cancel')}
          </button>
        </div>
      </form>
      {id ? (
        <DuePreview ruleId={id} name={initial.name} />
      ) : (
        <section className="dry-run due-preview" data-testid="due-preview">
          <h3>{t('tr.due')}</h3>
          <p className="muted small">{t('tr.due.saveFirst')}</p>
        </section>
      )}
    </div>
  );
}
