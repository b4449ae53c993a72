import { useQuery } from '@tanstack/react-query';
import { FieldConditionInputs, SetFieldInputs } from '../fields/FieldRuleInputs.tsx';
import { api } from '../lib/api.ts';
import { type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useCategories, useTeams } from '../lib/lookups.ts';
import { PRIORITIES, STATUSES } from '../lib/types.ts';
import {
  ACTION_TYPES,
  type Action,
  blankAction,
  blankCondition,
  CONDITION_FIELDS,
  type Condition,
  CUSTOMER_KEYS,
  FIXED_CHOICES,
  splitList,
} from './trigger-types.ts';

type Choice = { value: string; label: string };

/** The choices of a list condition: fixed words, or the desk's teams, categories and agents. */
function useChoices(field: Condition['field']): Choice[] {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const categories = useCategories();
  const agents = useAgents();
  if (field === 'team')
    return (teams.data ?? []).map((x) => ({ value: x.id, label: localName(x, language) }));
  if (field === 'category')
    return (categories.data ?? []).map((x) => ({ value: x.id, label: localName(x, language) }));
  if (field === 'assignee')
    return [
      { value: 'none', label: t('trg.nobody') },
      ...(agents.data ?? []).map((a) => ({ value: a.id, label: a.name })),
    ];
  const fixed = FIXED_CHOICES[field as keyof typeof FIXED_CHOICES] ?? [];
  return fixed.map((v) => ({
    value: v,
    label:
      field === 'status'
        ? t(`status.${v}` as MessageKey)
        : field === 'priority'
          ? t(`priority.${v}` as MessageKey)
          : v,
  }));
}

/** One condition: field, operator and value(s), in the API's shape. */
export function ConditionRow({
  condition,
  onChange,
  onRemove,
  index,
}: {
  condition: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  index: number;
}) {
  const t = useT();
  const choices = useChoices(condition.field);
  const ops: string[] =
    condition.field === 'tags'
      ? ['includes_any', 'includes_none']
      : condition.field === 'text'
        ? ['contains', 'not_contains']
        : condition.field === 'customer'
          ? ['is', 'is_not', 'contains']
          : condition.field === 'business_hours'
            ? ['is']
            : ['is', 'is_not'];
  return (
    <div className="rule-row" data-testid={`condition-${index}`}>
      <select
        aria-label={t('trg.conditions')}
        name={`condField${index}`}
        value={condition.field}
        onChange={(e) => onChange(blankCondition(e.target.value as Condition['field']))}
      >
        {CONDITION_FIELDS.map((f) => (
          <option key={f} value={f}>
            {t(`trg.f.${f}` as MessageKey)}
          </option>
        ))}
      </select>
      {condition.field === 'custom_field' && (
        <FieldConditionInputs condition={condition} index={index} onChange={onChange} />
      )}
      {condition.field === 'customer' && (
        <select
          aria-label={t('trg.f.customer')}
          value={condition.key}
          onChange={(e) => onChange({ ...condition, key: e.target.value as typeof condition.key })}
        >
          {CUSTOMER_KEYS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      )}
      {condition.field !== 'custom_field' && (
        <>
          <select
            aria-label="op"
            name={`condOp${index}`}
            value={condition.op}
            onChange={(e) => onChange({ ...condition, op: e.target.value } as Condition)}
          >
            {ops.map((o) => (
              <option key={o} value={o}>
                {t(`trg.op.${o}` as MessageKey)}
              </option>
            ))}
          </select>
          {condition.field === 'business_hours' ? (
            <select
              aria-label={t('trg.f.business_hours')}
              value={String(condition.value)}
              onChange={(e) => onChange({ ...condition, value: e.target.value === 'true' })}
            >
              <option value="true">{t('trg.yes')}</option>
              <option value="false">{t('trg.no')}</option>
            </select>
          ) : condition.field === 'text' || condition.field === 'customer' ? (
            <input
              name={`condValue${index}`}
              value={condition.value}
              onChange={(e) => onChange({ ...condition, value: e.target.value })}
            />
          ) : condition.field === 'tags' ? (
            <input
              name={`condValue${index}`}
              placeholder={t('trg.values')}
              defaultValue={condition.value.join(', ')}
              onChange={(e) => onChange({ ...condition, value: splitList(e.target.value) })}
            />
          ) : (
            <select
              multiple
              name={`condValue${index}`}
              aria-label={t(`trg.f.${condition.field}` as MessageKey)}
              value={condition.value}
              onChange={(e) =>
                onChange({ ...condition, value: [...e.target.selectedOptions].map((o) => o.value) })
              }
            >
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </>
      )}
      <button type="button" className="link" onClick={onRemove}>
        {t('trg.remove')}
      </button>
    </div>
  );
}

/**
 * One action with the inputs its type needs. `types` narrows the choice for a kind of rule that
 * cannot run every action (a time rule has no event for "send webhook").
 */
export function ActionRow({
  action,
  onChange,
  onRemove,
  index,
  types = ACTION_TYPES,
}: {
  action: Action;
  onChange: (a: Action) => void;
  onRemove: () => void;
  index: number;
  types?: readonly Action['type'][];
}) {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const agents = useAgents();
  const hooks = useQuery({
    queryKey: ['admin', 'webhooks'],
    queryFn: () => api<{ items: Array<{ id: string; url: string }> }>('GET', '/admin/webhooks'),
    enabled: action.type === 'webhook',
    select: (d) => d.items,
  });
  const body = (() => {
    switch (action.type) {
      case 'reply':
        return (
          <>
            <textarea
              name={`replyZh${index}`}
              aria-label={t('trg.replyZh')}
              placeholder={t('trg.replyZh')}
              value={action.zh}
              onChange={(e) => onChange({ ...action, zh: e.target.value })}
            />
            <textarea
              name={`replyEn${index}`}
              aria-label={t('trg.replyEn')}
              placeholder={t('trg.replyEn')}
              value={action.en}
              onChange={(e) => onChange({ ...action, en: e.target.value })}
            />
          </>
        );
      case 'note':
        return (
          <textarea
            name={`note${index}`}
            aria-label={t('trg.a.note')}
            value={action.body}
            onChange={(e) => onChange({ ...action, body: e.target.value })}
          />
        );
      case 'status':
      case 'priority': {
        const list = action.type === 'status' ? STATUSES : PRIORITIES;
        return (
          <select
            name={`actionValue${index}`}
            aria-label={t(`trg.a.${action.type}`)}
            value={action.value}
            onChange={(e) => onChange({ ...action, value: e.target.value })}
          >
            {list.map((v) => (
              <option key={v} value={v}>
                {t(`${action.type}.${v}` as MessageKey)}
              </option>
            ))}
          </select>
        );
      }
      case 'team':
      case 'assignee': {
        const list =
          action.type === 'team'
            ? (teams.data ?? []).map((x) => ({ id: x.id, label: localName(x, language) }))
            : (agents.data ?? []).map((a) => ({ id: a.id, label: a.name }));
        return (
          <select
            name={`actionValue${index}`}
            aria-label={t(`trg.a.${action.type}`)}
            value={action.value ?? ''}
            onChange={(e) => onChange({ ...action, value: e.target.value || null })}
          >
            <option value="">{t('trg.nobody')}</option>
            {list.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        );
      }
      case 'add_tags':
      case 'remove_tags':
        return (
          <input
            name={`tags${index}`}
            placeholder={t('trg.values')}
            defaultValue={action.tags.join(', ')}
            onChange={(e) => onChange({ ...action, tags: splitList(e.target.value) })}
          />
        );
      case 'notify':
        return (
          <>
            <label className="inline">
              <input
                type="checkbox"
                checked={action.assignee ?? false}
                onChange={(e) => onChange({ ...action, assignee: e.target.checked })}
              />
              {t('trg.notifyAssignee')}
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={action.supervisors ?? false}
                onChange={(e) => onChange({ ...action, supervisors: e.target.checked })}
              />
              {t('trg.notifySupervisors')}
            </label>
            <input
              name={`notify${index}`}
              placeholder={t('trg.notifyText')}
              value={action.text}
              onChange={(e) => onChange({ ...action, text: e.target.value })}
            />
          </>
        );
      case 'set_field':
        return <SetFieldInputs action={action} index={index} onChange={onChange} />;
      case 'webhook':
        return (
          <select
            name={`actionValue${index}`}
            aria-label={t('trg.subscription')}
            value={action.subscriptionId}
            onChange={(e) => onChange({ ...action, subscriptionId: e.target.value })}
          >
            <option value="">—</option>
            {(hooks.data ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.url}
              </option>
            ))}
          </select>
        );
    }
  })();
  return (
    <div className="rule-row" data-testid={`action-${index}`}>
      <select
        name={`actionType${index}`}
        aria-label={t('trg.actions')}
        value={action.type}
        onChange={(e) => onChange(blankAction(e.target.value as Action['type']))}
      >
        {types.map((a) => (
          <option key={a} value={a}>
            {t(`trg.a.${a}` as MessageKey)}
          </option>
        ))}
      </select>
      {body}
      <button type="button" className="link" onClick={onRemove}>
        {t('trg.remove')}
      </button>
    </div>
  );
}
