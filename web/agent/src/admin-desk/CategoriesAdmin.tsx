import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { localName, useTeams } from '../lib/lookups.ts';
import { FormBuilder } from './FormBuilder.tsx';
import { FormPreview } from './FormPreview.tsx';
import { type AdminCategory, type BuiltField, cleanField, formHints } from './form-model.ts';

const ADMIN_CATEGORIES = ['admin', 'categories'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const blank = (position: number): Omit<AdminCategory, 'id'> => ({
  code: '',
  nameZh: '',
  nameEn: '',
  teamId: null,
  defaultPriority: 'normal',
  customerMayPrioritise: false,
  form: { fields: [] },
  position,
  active: true,
});

/** Categories (hidden ones too) and, for the one opened, its editor with the form builder and preview. */
export function CategoriesAdmin({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const locale = useLocale();
  const list = useQuery({
    queryKey: ADMIN_CATEGORIES,
    queryFn: () => api<{ items: AdminCategory[] }>('GET', '/admin/categories'),
  });
  const teams = useTeams();
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const opened = open === 'new' ? null : items.find((c) => c.id === open);
  const team = (id: string | null) =>
    localName(
      teams.data?.find((x) => x.id === id),
      locale.language,
    );
  return (
    <section className="desk-admin categories-admin">
      {!canEdit && <p className="muted">{t('desk.readOnly')}</p>}
      {list.error && <p className="error">{list.error.message}</p>}
      <table className="people-table categories-table">
        <thead>
          <tr>
            <th>{t('cats.list')}</th>
            <th>{t('cats.team')}</th>
            <th>{t('cats.priority')}</th>
            <th>{t('cats.fields')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-category={c.code} className={c.active ? undefined : 'disabled'}>
              <td>
                <strong>{localName(c, locale.language)}</strong> <code className="muted">{c.code}</code>
                {!c.active && <span className="badge">{t('cats.inactive')}</span>}
              </td>
              <td>{c.teamId ? team(c.teamId) : t('cats.noTeam')}</td>
              <td>{t(`priority.${c.defaultPriority}` as MessageKey)}</td>
              <td>{t('cats.fieldCount', { count: c.form.fields.length })}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setSaved(null);
                    setOpen(c.id);
                  }}
                >
                  {t('cats.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && open === null && (
        <div className="row">
          <button
            type="button"
            onClick={() => {
              setSaved(null);
              setOpen('new');
            }}
          >
            {t('cats.create')}
          </button>
        </div>
      )}
      {saved && (
        <p className="notice" role="status">
          {t('desk.saved')}: {saved}
        </p>
      )}
      {/* A new category reopens as itself once the list has it (the editor starts from what was saved). */}
      {(open === 'new' || opened) && (
        <CategoryEditor
          key={open}
          category={opened ?? null}
          position={(items.at(-1)?.position ?? 0) + 10}
          canEdit={canEdit}
          onClose={() => {
            setOpen(null);
            setSaved(null);
          }}
          onSaved={(c) => {
            setSaved(localName(c, locale.language));
            setOpen(c.id);
          }}
        />
      )}
    </section>
  );
}

function CategoryEditor(props: {
  category: AdminCategory | null;
  position: number;
  canEdit: boolean;
  onClose(): void;
  onSaved(category: AdminCategory): void;
}) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const teams = useTeams();
  const { id: _id, ...initial } = props.category ?? { id: '', ...blank(props.position) };
  const [draft, setDraft] = useState(initial);
  const [fields, setFields] = useState<BuiltField[]>(initial.form.fields);
  const accepted = new Set(
    (props.category?.form.fields ?? []).flatMap((f) => (f.pattern === undefined ? [] : [f.pattern])),
  );
  const hints = formHints(fields);
  const save = useMutation({
    mutationFn: () => {
      const body = { ...draft, form: { fields: fields.map(cleanField) } };
      return props.category
        ? api<AdminCategory>('PATCH', `/admin/categories/${props.category.id}`, body)
        : api<AdminCategory>('POST', '/admin/categories', body);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ADMIN_CATEGORIES });
      void client.invalidateQueries({ queryKey: keys.categories });
      props.onSaved(saved);
    },
  });
  const set = (change: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...change }));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const title = (locale.language === 'zh-CN' ? draft.nameZh : draft.nameEn) || t('cats.new');
  return (
    <form className="category-editor" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="editor-columns">
        <div className="editor-main">
          <fieldset className="admin-form category-facts" disabled={!props.canEdit}>
            <label>
              {t('desk.code')}
              <input
                name="categoryCode"
                required
                pattern="[a-z][a-z0-9_\-]{1,40}"
                value={draft.code}
                onChange={(e) => set({ code: e.target.value })}
              />
            </label>
            <label>
              {t('desk.nameZh')}
              <input
                name="categoryNameZh"
                required
                value={draft.nameZh}
                onChange={(e) => set({ nameZh: e.target.value })}
              />
            </label>
            <label>
              {t('desk.nameEn')}
              <input
                name="categoryNameEn"
                required
                value={draft.nameEn}
                onChange={(e) => set({ nameEn: e.target.value })}
              />
            </label>
            <label>
              {t('cats.team')}
              <select
                name="categoryTeam"
                value={draft.teamId ?? ''}
                onChange={(e) => set({ teamId: e.target.value || null })}
              >
                <option value="">{t('cats.noTeam')}</option>
                {(teams.data ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {localName(x, locale.language)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('cats.priority')}
              <select
                name="categoryPriority"
                value={draft.defaultPriority}
                onChange={(e) => set({ defaultPriority: e.target.value as AdminCategory['defaultPriority'] })}
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.${p}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('cats.position')}
              <input
                name="categoryPosition"
                type="number"
                min={0}
                max={10000}
                value={draft.position}
                onChange={(e) => set({ position: Number(e.target.value) })}
              />
            </label>
            <label className="inline">
              <input
                type="checkbox"
                name="categoryActive"
                checked={draft.active}
                onChange={(e) => set({ active: e.target.checked })}
              />
              {t('cats.active')}
            </label>
            <label className="inline">
              <input
                type="checkbox"
                name="categoryMayPrioritise"
                checked={draft.customerMayPrioritise}
                onChange={(e) => set({ customerMayPrioritise: e.target.checked })}
              />
              {t('cats.customerMayPrioritise')}
            </label>
          </fieldset>
          <h3>{t('cats.fields')}</h3>
          <p className="muted">
            {t('cats.fromAppHint', {
              example: `?${
                fields
                  .slice(0, 2)
                  .map((f) => `${f.key}=…`)
                  .join('&') || 'key=…'
              }`,
            })}
          </p>
          <FormBuilder fields={fields} onChange={setFields} readOnly={!props.canEdit} />
          {hints.length > 0 && (
            <ul className="form-hints">
              {hints.map(([key, params]) => (
                <li key={`${key}:${params.key}`} className="error">
                  {t(key, params)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <FormPreview title={title} fields={fields} acceptedPatterns={accepted} />
      </div>
      <div className="row">
        {props.canEdit && (
          <button type="submit" disabled={save.isPending || hints.length > 0}>
            {t('desk.save')}
          </button>
        )}
        <button type="button" className="link" onClick={props.onClose}>
          {t('desk.cancel')}
        </button>
        {save.error && (
          <span className="error" role="alert" data-testid="save-error">
            {save.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
