import { type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { type CustomField, type FieldValue, fieldLabel, useCustomFields } from './types.ts';

type Entity = 'ticket' | 'customer';
export type FieldOp =
  | 'equals'
  | 'not_equals'
  | 'contains'
  | 'is_set'
  | 'not_set'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte';

/** The operators a field's type can be compared with (the server takes them all on any field). */
function opsFor(field: CustomField | undefined): FieldOp[] {
  const base: FieldOp[] = ['equals', 'not_equals', 'is_set', 'not_set'];
  if (!field || field.type === 'text') return ['equals', 'not_equals', 'contains', 'is_set', 'not_set'];
  if (field.type === 'number' || field.type === 'date') return [...base, 'gt', 'gte', 'lt', 'lte'];
  return base;
}

/** A value that fits the field's type, for when the field is first picked. */
function firstValue(field: CustomField | undefined): FieldValue {
  if (field?.type === 'checkbox') return true;
  if (field?.type === 'choice') return field.choices[0]?.value ?? '';
  return '';
}

/** The live fields of both kinds, and the one a rule names (archived ones still found, to show). */
function useRuleFields(entity: Entity | undefined, key: string) {
  const defs = useCustomFields();
  const all = defs.data?.items ?? [];
  const field = all.find((f) => f.entity === (entity ?? 'ticket') && f.key === key);
  return { live: all.filter((f) => !f.archived), field };
}

/** One select for the field, grouped by ticket and customer; its value is `entity:key`. */
function FieldPicker({
  name,
  entity,
  fieldKey,
  live,
  onPick,
}: {
  name: string;
  entity: Entity | undefined;
  fieldKey: string;
  live: CustomField[];
  onPick: (field: CustomField) => void;
}) {
  const t = useT();
  const { language } = useLocale();
  const groups: Array<[Entity, MessageKey]> = [
    ['ticket', 'fields.ticket'],
    ['customer', 'fields.customer'],
  ];
  const value = fieldKey ? `${entity ?? 'ticket'}:${fieldKey}` : '';
  return (
    <select
      name={name}
      aria-label={t('trg.f.custom_field')}
      value={value}
      onChange={(e) => {
        const picked = live.find((f) => `${f.entity}:${f.key}` === e.target.value);
        if (picked) onPick(picked);
      }}
    >
      <option value="" disabled>
        —
      </option>
      {value && !live.some((f) => `${f.entity}:${f.key}` === value) && (
        <option value={value}>{fieldKey}</option>
      )}
      {groups.map(([group, label]) => (
        <optgroup key={group} label={t(label)}>
          {live
            .filter((f) => f.entity === group)
            .map((f) => (
              <option key={f.key} value={`${f.entity}:${f.key}`}>
                {fieldLabel(f, language)}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The value input a field's type calls for: its choices, yes/no, a number, a date or text. */
function FieldValueInput({
  name,
  field,
  value,
  onChange,
  clearable,
}: {
  name: string;
  field: CustomField | undefined;
  value: FieldValue | null | undefined;
  onChange: (v: FieldValue | null) => void;
  clearable?: boolean;
}) {
  const t = useT();
  const { language } = useLocale();
  const label = field ? fieldLabel(field, language) : t('fields.filterValue');
  const CLEAR = '__clear__';
  const options =
    field?.type === 'choice'
      ? field.choices.map((c) => [c.value, language === 'en' ? c.en : c.zh] as const)
      : field?.type === 'checkbox'
        ? ([
            ['true', t('fields.yes')],
            ['false', t('fields.no')],
          ] as const)
        : null;
  if (options)
    return (
      <select
        name={name}
        aria-label={label}
        value={value === null ? CLEAR : String(value ?? '')}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === CLEAR ? null : field?.type === 'checkbox' ? v === 'true' : v);
        }}
      >
        {clearable && <option value={CLEAR}>{t('fields.clear')}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    );
  return (
    <input
      name={name}
      aria-label={label}
      type={field?.type === 'number' ? 'number' : field?.type === 'date' ? 'date' : 'text'}
      placeholder={clearable ? t('fields.clear') : ''}
      value={value === null || value === undefined ? '' : String(value)}
      onChange={(e) => {
        const v = e.target.value;
        // An empty box in an action clears the field; a number stays a number.
        if (v === '') onChange(clearable ? null : '');
        else onChange(field?.type === 'number' && Number.isFinite(Number(v)) ? Number(v) : v);
      }}
    />
  );
}

export interface FieldCondition {
  field: 'custom_field';
  entity: Entity;
  key: string;
  op: FieldOp;
  value?: FieldValue;
}

/** A custom-field condition's field, operator and (unless is set / not set) value. */
export function FieldConditionInputs({
  condition,
  index,
  onChange,
}: {
  condition: FieldCondition;
  index: number;
  onChange: (c: FieldCondition) => void;
}) {
  const t = useT();
  const { live, field } = useRuleFields(condition.entity, condition.key);
  const ops = opsFor(field);
  const needsValue = condition.op !== 'is_set' && condition.op !== 'not_set';
  return (
    <>
      <FieldPicker
        name={`condKey${index}`}
        entity={condition.entity}
        fieldKey={condition.key}
        live={live}
        onPick={(f) => {
          const op = opsFor(f).includes(condition.op) ? condition.op : 'equals';
          onChange({ field: 'custom_field', entity: f.entity, key: f.key, op, value: firstValue(f) });
        }}
      />
      <select
        aria-label="op"
        name={`condOp${index}`}
        value={condition.op}
        onChange={(e) => {
          const op = e.target.value as FieldOp;
          const { value, ...rest } = condition;
          const keep = value ?? firstValue(field);
          onChange(op === 'is_set' || op === 'not_set' ? { ...rest, op } : { ...rest, op, value: keep });
        }}
      >
        {(ops.includes(condition.op) ? ops : [...ops, condition.op]).map((o) => (
          <option key={o} value={o}>
            {t(`trg.op.${o}` as MessageKey)}
          </option>
        ))}
      </select>
      {needsValue && (
        <FieldValueInput
          name={`condValue${index}`}
          field={field}
          value={condition.value}
          onChange={(v) => onChange({ ...condition, value: v ?? '' })}
        />
      )}
    </>
  );
}

export interface SetFieldAction {
  type: 'set_field';
  entity?: Entity;
  key: string;
  value: FieldValue | null;
}

/** A set-field action's field (ticket's or customer's) and the value to set, or clear. */
export function SetFieldInputs({
  action,
  index,
  onChange,
}: {
  action: SetFieldAction;
  index: number;
  onChange: (a: SetFieldAction) => void;
}) {
  const { live, field } = useRuleFields(action.entity, action.key);
  return (
    <>
      <FieldPicker
        name={`actionKey${index}`}
        entity={action.entity}
        fieldKey={action.key}
        live={live}
        onPick={(f) => onChange({ type: 'set_field', entity: f.entity, key: f.key, value: firstValue(f) })}
      />
      <FieldValueInput
        name={`actionValue${index}`}
        field={field}
        value={action.value}
        onChange={(value) => onChange({ ...action, value })}
        clearable
      />
    </>
  );
}
