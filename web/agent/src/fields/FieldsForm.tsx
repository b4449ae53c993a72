import { type FormEvent, useId, useState } from 'react';
import { useLocale, useT } from '../lib/i18n.ts';
import { type CustomField, type FieldValue, fieldLabel, showValue } from './types.ts';

type Draft = Record<string, string | boolean>;

function draftOf(fields: CustomField[], values: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const f of fields) {
    const v = values[f.key];
    draft[f.key] = f.type === 'checkbox' ? v === true : v === undefined || v === null ? '' : String(v);
  }
  return draft;
}

/** The form's edits as the API takes them: only changed keys, typed; an emptied field is null. */
function changesOf(fields: CustomField[], before: Draft, after: Draft): Record<string, FieldValue | null> {
  const out: Record<string, FieldValue | null> = {};
  for (const f of fields) {
    const a = after[f.key];
    if (a === before[f.key]) continue;
    if (typeof a === 'boolean') out[f.key] = a;
    else if (a === '') out[f.key] = null;
    else out[f.key] = f.type === 'number' ? Number(a) : a!;
  }
  return out;
}

/**
 * The custom fields of a ticket or a customer: read as a list, edited in place (one Save for all).
 * Archived fields show their kept value, read only; the server checks every value's type.
 */
export function FieldsForm(props: {
  fields: CustomField[];
  values: Record<string, unknown>;
  name: string;
  pending: boolean;
  error: Error | null;
  /** Resolves once saved (the form closes); a failure stays on the form as `error`. */
  onSave: (changes: Record<string, FieldValue | null>) => Promise<unknown>;
}) {
  const t = useT();
  const { language } = useLocale();
  const { fields, values } = props;
  const shown = fields.filter((f) => !f.archived || values[f.key] !== undefined);
  const initial = draftOf(shown, values);
  const [draft, setDraft] = useState<Draft>(initial);
  const [editing, setEditing] = useState(false);
  const idPrefix = useId();
  if (shown.length === 0) return <p className="muted">{t('fields.none')}</p>;
  if (!editing)
    return (
      <div className="custom-fields">
        <dl>
          {shown.map((f) => (
            <div key={f.key} className="field-row">
              <dt>{fieldLabel(f, language)}</dt>
              <dd data-field={f.key}>
                {showValue(f, values[f.key], language, t('fields.yes'), t('fields.no'))}
              </dd>
            </div>
          ))}
        </dl>
        <button
          type="button"
          className="link"
          onClick={() => {
            setDraft(initial);
            setEditing(true);
          }}
        >
          {t('fields.edit')}
        </button>
      </div>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = changesOf(shown, initial, draft);
    if (Object.keys(changes).length === 0) setEditing(false);
    else
      props.onSave(changes).then(
        () => setEditing(false),
        () => {},
      );
  };
  const set = (key: string, value: string | boolean) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form className="custom-fields editing" aria-label={props.name} onSubmit={submit}>
      {shown.map((f) => {
        const label = fieldLabel(f, language);
        const v = draft[f.key];
        const readOnly = f.archived;
        return (
          <div key={f.key} className={f.type === 'checkbox' ? 'field check' : 'field'}>
            <label htmlFor={`${idPrefix}-${f.key}`}>
              {label}
              {f.required ? ' *' : ''}
              {f.archived ? ` (${t('fields.archived')})` : ''}
            </label>
            {f.type === 'checkbox' ? (
              <input
                type="checkbox"
                id={`${idPrefix}-${f.key}`}
                name={f.key}
                disabled={readOnly}
                checked={v === true}
                onChange={(e) => set(f.key, e.target.checked)}
              />
            ) : f.type === 'choice' ? (
              <select
                id={`${idPrefix}-${f.key}`}
                name={f.key}
                disabled={readOnly}
                value={String(v)}
                onChange={(e) => set(f.key, e.target.value)}
              >
                <option value="">—</option>
                {f.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {language === 'en' ? c.en : c.zh}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${idPrefix}-${f.key}`}
                name={f.key}
                type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
                step={f.type === 'number' ? 'any' : undefined}
                maxLength={f.type === 'text' ? 2000 : undefined}
                disabled={readOnly}
                value={String(v)}
                onChange={(e) => set(f.key, e.target.value)}
              />
            )}
          </div>
        );
      })}
      <div className="row">
        <button type="submit" disabled={props.pending}>
          {t('common.save')}
        </button>
        <button type="button" className="link" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {props.error && (
        <p className="error" role="alert">
          {props.error.message}
        </p>
      )}
    </form>
  );
}
