import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import './fields.css';
import { type CustomField, customFieldsKey, type FieldType, useCustomFields } from './types.ts';

const TYPES: FieldType[] = ['text', 'number', 'choice', 'date', 'checkbox'];

/** "value|中文|English" per line → choices; a line with only a value uses it as both labels. */
function parseChoices(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [value = '', zh, en] = line.split('|').map((s) => s.trim());
      return { value, zh: zh || value, en: en || zh || value };
    });
}

const choicesText = (f: CustomField) => f.choices.map((c) => `${c.value}|${c.zh}|${c.en}`).join('\n');

/**
 * The admin console's custom fields: define ticket and customer fields (the key and type are
 * fixed once made), rename them, change a choice list, mark required, archive (values are kept).
 */
export function CustomFieldsAdmin() {
  const t = useT();
  const defs = useCustomFields();
  const items = defs.data?.items ?? [];
  return (
    <section className="desk-admin custom-fields-admin">
      <p className="muted hint">{t('fields.adminHint')}</p>
      <NewField />
      {defs.error && <p className="error">{defs.error.message}</p>}
      <table className="fields-table">
        <thead>
          <tr>
            <th>{t('fields.entity')}</th>
            <th>{t('fields.key')}</th>
            <th>{t('fields.type')}</th>
            <th>{t('desk.nameZh')}</th>
            <th>{t('desk.nameEn')}</th>
            <th>{t('fields.choices')}</th>
            <th>{t('fields.required')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <FieldRow key={`${f.id}:${f.archived}`} field={f} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function useSaveField() {
  const client = useQueryClient();
  return {
    onSuccess: () => void client.invalidateQueries({ queryKey: customFieldsKey }),
  };
}

function NewField() {
  const t = useT();
  const done = useSaveField();
  const [entity, setEntity] = useState<'ticket' | 'customer'>('ticket');
  const [key, setKey] = useState('');
  const [type, setType] = useState<FieldType>('text');
  const [labelZh, setLabelZh] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [choices, setChoices] = useState('');
  const [required, setRequired] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      api('POST', '/custom-fields', {
        entity,
        key,
        type,
        labelZh,
        labelEn,
        required,
        ...(type === 'choice' ? { choices: parseChoices(choices) } : {}),
      }),
    onSuccess: () => {
      setKey('');
      setLabelZh('');
      setLabelEn('');
      setChoices('');
      setRequired(false);
      done.onSuccess();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="admin-form" aria-label={t('fields.create')} onSubmit={submit}>
      <label>
        {t('fields.entity')}
        <select
          name="entity"
          value={entity}
          onChange={(e) => setEntity(e.target.value as 'ticket' | 'customer')}
        >
          <option value="ticket">{t('fields.entity.ticket')}</option>
          <option value="customer">{t('fields.entity.customer')}</option>
        </select>
      </label>
      <label>
        {t('fields.key')}
        <input
          name="key"
          required
          pattern="[a-z][a-z0-9_]{0,63}"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
      </label>
      <label>
        {t('fields.type')}
        <select name="type" value={type} onChange={(e) => setType(e.target.value as FieldType)}>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`fields.type.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('desk.nameZh')}
        <input
          name="labelZh"
          required
          maxLength={80}
          value={labelZh}
          onChange={(e) => setLabelZh(e.target.value)}
        />
      </label>
      <label>
        {t('desk.nameEn')}
        <input
          name="labelEn"
          required
          maxLength={80}
          value={labelEn}
          onChange={(e) => setLabelEn(e.target.value)}
        />
      </label>
      {type === 'choice' && (
        <label>
          {t('fields.choicesHint')}
          <textarea name="choices" rows={3} value={choices} onChange={(e) => setChoices(e.target.value)} />
        </label>
      )}
      <label className="inline">
        <input
          type="checkbox"
          name="required"
          checked={required}
          onChange={(e) => setRequired(e.target.checked)}
        />
        {t('fields.required')}
      </label>
      <div className="row">
        <button type="submit" disabled={create.isPending}>
          {t('fields.create')}
        </button>
        {create.error && (
          <span className="error" role="alert">
            {create.error.message}
          </span>
        )}
      </div>
    </form>
  );
}

function FieldRow({ field }: { field: CustomField }) {
  const t = useT();
  const done = useSaveField();
  const [labelZh, setLabelZh] = useState(field.labelZh);
  const [labelEn, setLabelEn] = useState(field.labelEn);
  const [choices, setChoices] = useState(choicesText(field));
  const [required, setRequired] = useState(field.required);
  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) => api('PATCH', `/custom-fields/${field.id}`, patch),
    onSuccess: done.onSuccess,
  });
  const changes = {
    ...(labelZh !== field.labelZh ? { labelZh } : {}),
    ...(labelEn !== field.labelEn ? { labelEn } : {}),
    ...(required !== field.required ? { required } : {}),
    ...(field.type === 'choice' && choices !== choicesText(field) ? { choices: parseChoices(choices) } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  return (
    <tr className={field.archived ? 'archived' : undefined} data-key={field.key}>
      <td>{t(`fields.entity.${field.entity}`)}</td>
      <td className="mono">{field.key}</td>
      <td>{t(`fields.type.${field.type}`)}</td>
      <td>
        <input
          aria-label={`${field.key} ${t('desk.nameZh')}`}
          value={labelZh}
          onChange={(e) => setLabelZh(e.target.value)}
        />
      </td>
      <td>
        <input
          aria-label={`${field.key} ${t('desk.nameEn')}`}
          value={labelEn}
          onChange={(e) => setLabelEn(e.target.value)}
        />
      </td>
      <td>
        {field.type === 'choice' ? (
          <textarea
            aria-label={`${field.key} ${t('fields.choices')}`}
            rows={2}
            value={choices}
            onChange={(e) => setChoices(e.target.value)}
          />
        ) : (
          '—'
        )}
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${field.key} ${t('fields.required')}`}
          checked={required}
          onChange={(e) => setRequired(e.target.checked)}
        />
      </td>
      <td className="actions">
        <button type="button" disabled={!dirty || save.isPending} onClick={() => save.mutate(changes)}>
          {t('common.save')}
        </button>
        <button type="button" className="link" onClick={() => save.mutate({ archived: !field.archived })}>
          {field.archived ? t('fields.restore') : t('fields.archive')}
        </button>
        {save.error && (
          <span className="error" role="alert">
            {save.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
