import { type MessageKey, useT } from '../lib/i18n.ts';
import {
  type BuiltField,
  DEFAULT_NETWORKS,
  FIELD_TYPES,
  type FieldType,
  freshKey,
  MAX_FILES,
  NETWORK_KEY,
} from './form-model.ts';

/**
 * The checklist form of a category, field by field: key (what the host app passes to prefill it),
 * type, labels in both languages, required, and what the type takes (options for a choice, a
 * length limit, a pattern with an example for a text).
 */
export function FormBuilder(props: {
  fields: BuiltField[];
  onChange(fields: BuiltField[]): void;
  readOnly: boolean;
}) {
  const t = useT();
  const { fields, readOnly } = props;
  const set = (i: number, change: Partial<BuiltField>) =>
    props.onChange(fields.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f!);
    props.onChange(next);
  };
  const add = (field: BuiltField) => props.onChange([...fields, field]);
  const hasNetwork = fields.some((f) => f.key === NETWORK_KEY);

  return (
    <div className="form-builder">
      <ol className="built-fields">
        {fields.map((f, i) => (
          // Fields are positional while being edited (a key may be retyped): the index is the identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} className="built-field" data-field-index={i}>
            <fieldset disabled={readOnly}>
              <div className="field-row">
                <label>
                  {t('field.key')}
                  <input
                    name="fieldKey"
                    required
                    maxLength={64}
                    value={f.key}
                    onChange={(e) => set(i, { key: e.target.value })}
                  />
                </label>
                <label>
                  {t('field.type')}
                  <select
                    name="fieldType"
                    value={f.type}
                    onChange={(e) => set(i, { type: e.target.value as FieldType })}
                  >
                    {FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`field.type.${type}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('field.labelZh')}
                  <input
                    name="fieldLabelZh"
                    required
                    maxLength={100}
                    value={f.labelZh}
                    onChange={(e) => set(i, { labelZh: e.target.value })}
                  />
                </label>
                <label>
                  {t('field.labelEn')}
                  <input
                    name="fieldLabelEn"
                    required
                    maxLength={100}
                    value={f.labelEn}
                    onChange={(e) => set(i, { labelEn: e.target.value })}
                  />
                </label>
                <label className="inline">
                  <input
                    type="checkbox"
                    name="fieldRequired"
                    checked={f.required}
                    onChange={(e) => set(i, { required: e.target.checked })}
                  />
                  {t('field.required')}
                </label>
              </div>
              {f.type === 'select' && (
                <label className="wide">
                  {t('field.options')}
                  <textarea
                    name="fieldOptions"
                    rows={3}
                    value={(f.options ?? []).join('\n')}
                    onChange={(e) => set(i, { options: e.target.value.split('\n') })}
                  />
                  {f.key === NETWORK_KEY && <span className="muted">{t('field.networkNote')}</span>}
                </label>
              )}
              {f.type === 'attachments' && (
                <div className="field-row">
                  <label>
                    {t('field.maxFiles')}
                    <input
                      name="fieldMaxFiles"
                      type="number"
                      min={1}
                      max={MAX_FILES}
                      value={f.maxFiles ?? 1}
                      onChange={(e) =>
                        set(i, {
                          maxFiles: Math.min(Math.max(Number(e.target.value) || 1, 1), MAX_FILES),
                        })
                      }
                    />
                  </label>
                </div>
              )}
              {(f.type === 'text' || f.type === 'textarea') && (
                <div className="field-row">
                  <label>
                    {t('field.maxLength')}
                    <input
                      name="fieldMaxLength"
                      type="number"
                      min={1}
                      max={20000}
                      value={f.maxLength ?? ''}
                      onChange={(e) =>
                        set(i, { maxLength: e.target.value ? Number(e.target.value) : undefined })
                      }
                    />
                  </label>
                  {f.type === 'text' && (
                    <>
                      <label className="grow">
                        {t('field.pattern')}
                        <input
                          name="fieldPattern"
                          maxLength={200}
                          spellCheck={false}
                          value={f.pattern ?? ''}
                          onChange={(e) => set(i, { pattern: e.target.value || undefined })}
                        />
                      </label>
                      <label>
                        {t('field.example')}
                        <input
                          name="fieldExample"
                          maxLength={100}
                          value={f.example ?? ''}
                          onChange={(e) => set(i, { example: e.target.value || undefined })}
                        />
                      </label>
                    </>
                  )}
                </div>
              )}
              {!readOnly && (
                <div className="row-actions">
                  <button type="button" className="link" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('field.up')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    {t('field.down')}
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => props.onChange(fields.filter((_, j) => j !== i))}
                  >
                    {t('field.remove')}
                  </button>
                </div>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="row">
          <button
            type="button"
            onClick={() =>
              add({ key: freshKey(fields), type: 'text', labelZh: '', labelEn: '', required: false })
            }
          >
            {t('cats.addField')}
          </button>
          {!hasNetwork && (
            <button
              type="button"
              onClick={() =>
                add({
                  key: NETWORK_KEY,
                  type: 'select',
                  labelZh: '网络',
                  labelEn: 'Network',
                  required: true,
                  options: DEFAULT_NETWORKS,
                })
              }
            >
              {t('cats.addNetwork')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
