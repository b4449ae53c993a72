import { useId } from 'react';
import './fields.css';
import { useLocale, useT } from '../lib/i18n.ts';
import { type CustomField, type FieldValue, fieldLabel, showValue, useCustomFields } from './types.ts';

/** The value in a macro form: '' leaves the field as it is, CLEAR empties it. */
export const CLEAR = '__clear__';

/** The form's name of a field: its key for a ticket field, `customer:<key>` for a customer's. */
const formKey = (f: { entity?: string; key: string }) =>
  f.entity === 'customer' ? `customer:${f.key}` : f.key;

/** A macro's set_field actions as the form's texts, form key → text. */
export function fieldTextsOf(
  actions: ReadonlyArray<{ type: string; entity?: string; key?: string; value?: unknown }>,
) {
  const out: Record<string, string> = {};
  for (const a of actions)
    if (a.type === 'set_field' && a.key)
      out[formKey({ entity: a.entity, key: a.key })] = a.value === null ? CLEAR : String(a.value);
  return out;
}

/** The form's texts back to set_field actions, typed by each field (kept as given for unknown keys). */
export function fieldActionsOf(texts: Record<string, string>, fields: readonly CustomField[]) {
  const out: Array<{
    type: 'set_field';
    entity?: 'customer';
    key: string;
    value: FieldValue | null;
  }> = [];
  for (const [name, text] of Object.entries(texts)) {
    if (text === '') continue;
    const customer = name.startsWith('customer:');
    const key = customer ? name.slice('customer:'.length) : name;
    const field = fields.find((f) => f.entity === (customer ? 'customer' : 'ticket') && f.key === key);
    const value: FieldValue | null =
      text === CLEAR
        ? null
        : field?.type === 'number'
          ? Number(text)
          : field?.type === 'checkbox'
            ? text === 'true'
            : text;
    out.push({ type: 'set_field', ...(customer ? { entity: 'customer' as const } : {}), key, value });
  }
  return out;
}

/** One row per live custom field (the ticket's, then its customer's): leave, set to a value, or clear. */
export function MacroFieldActions({
  texts,
  onChange,
}: {
  texts: Record<string, string>;
  onChange: (key: string, text: string) => void;
}) {
  const t = useT();
  const { language } = useLocale();
  const defs = useCustomFields();
  const idPrefix = useId();
  const live = (defs.data?.items ?? []).filter((f) => !f.archived);
  const fields = [
    ...live.filter((f) => f.entity === 'ticket'),
    ...live.filter((f) => f.entity === 'customer'),
  ];
  return (
    <>
      {fields.map((f) => {
        const name = formKey(f);
        const text = texts[name] ?? '';
        const label =
          f.entity === 'customer'
            ? `${t('fields.set')}: ${t('fields.customer')} · ${fieldLabel(f, language)}`
            : `${t('fields.set')}: ${fieldLabel(f, language)}`;
        const options =
          f.type === 'choice'
            ? f.choices.map((c) => [c.value, language === 'en' ? c.en : c.zh] as const)
            : f.type === 'checkbox'
              ? ([
                  ['true', t('fields.yes')],
                  ['false', t('fields.no')],
                ] as const)
              : null;
        return (
          <div key={name} className="macro-field">
            <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
            {options ? (
              <select
                id={`${idPrefix}-${name}`}
                name={`setField-${name}`}
                value={text}
                onChange={(e) => onChange(name, e.target.value)}
              >
                <option value="">{t('macros.unchanged')}</option>
                <option value={CLEAR}>{t('fields.clear')}</option>
                {options.map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${idPrefix}-${name}`}
                name={`setField-${name}`}
                type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
                placeholder={t('macros.unchanged')}
                value={text === CLEAR ? '' : text}
                onChange={(e) => onChange(name, e.target.value)}
              />
            )}
          </div>
        );
      })}
    </>
  );
}

/** A custom field's change in a macro preview (`field:<key>`, `customer_field:<key>`): label and values in words. */
export function useFieldChangeWords() {
  const { language } = useLocale();
  const t = useT();
  const defs = useCustomFields();
  const find = (field: string) =>
    defs.data?.items.find(
      (f) => `${f.entity === 'customer' ? 'customer_field' : 'field'}:${f.key}` === field,
    );
  return {
    label: (field: string) => {
      const def = find(field);
      const name = def ? fieldLabel(def, language) : field.replace(/^(customer_)?field:/, '');
      return field.startsWith('customer_field:') ? `${t('fields.customer')} · ${name}` : name;
    },
    value: (field: string, value: unknown) => {
      const def = find(field);
      return def ? showValue(def, value, language, t('fields.yes'), t('fields.no')) : String(value ?? '—');
    },
  };
}
