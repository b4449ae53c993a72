import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { formatTime, useLocale, useT } from '../lib/i18n.ts';
import type { Agent } from '../lib/types.ts';
import { type MacroDraft, MacroForm } from './MacroForm.tsx';
import { useMacros } from './MacroPicker.tsx';
import './macros.css';
import { type Macro, macroKeys } from './types.ts';

/** Every agent keeps their personal macros here; supervisors and admins also the shared ones. */
export default function MacrosPage({ me }: { me: Agent }) {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const macros = useMacros();
  const [editing, setEditing] = useState<Macro | null>(null);
  // A new form after each create, so its fields start empty.
  const [round, setRound] = useState(0);
  const refresh = () => client.invalidateQueries({ queryKey: macroKeys.all });
  const save = useMutation({
    mutationFn: (draft: MacroDraft) =>
      editing
        ? api('PATCH', `/macros/${editing.id}`, { name: draft.name, actions: draft.actions })
        : api('POST', '/macros', draft),
    onSuccess: async () => {
      setEditing(null);
      setRound((r) => r + 1);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/macros/${id}`),
    onSuccess: refresh,
  });
  const mayWrite = (m: Macro) => m.scope === 'personal' || me.role !== 'agent';
  const summary = (m: Macro) =>
    m.actions
      .map((a) =>
        a.type === 'reply'
          ? t('macros.summary.reply')
          : a.type === 'note'
            ? t('macros.summary.note')
            : a.type === 'status'
              ? `${t('macros.field.status')}: ${t(`status.${a.value}`)}`
              : a.type === 'priority'
                ? `${t('macros.field.priority')}: ${t(`priority.${a.value}`)}`
                : a.type === 'add_tags'
                  ? `+${a.tags.join(' +')}`
                  : a.type === 'remove_tags'
                    ? `−${a.tags.join(' −')}`
                    : a.type === 'set_field'
                      ? `${t('fields.set')}: ${a.key}`
                      : t(`macros.field.${a.type}`),
      )
      .join(' · ');
  const errorOf = (err: unknown) => (err instanceof ApiError ? err.message : t('common.failed'));
  return (
    <div className="macros-page">
      <h1>{t('macros.title')}</h1>
      <p className="muted">{t('macros.intro')}</p>
      <section className="panel">
        <table className="grid macros-list">
          <thead>
            <tr>
              <th>{t('macros.name')}</th>
              <th>{t('macros.scope')}</th>
              <th>{t('macros.actions')}</th>
              <th>{t('macros.usage')}</th>
              <th>{t('macros.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {macros.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('macros.none')}
                </td>
              </tr>
            )}
            {macros.data?.map((m) => (
              <tr key={m.id} data-macro={m.name}>
                <td>{m.name}</td>
                <td>{t(`macros.scope.${m.scope}`)}</td>
                <td className="ellipsis">{summary(m)}</td>
                <td className="num">{m.usageCount}</td>
                <td>{m.lastUsedAt ? formatTime(m.lastUsedAt, locale) : '—'}</td>
                <td>
                  {mayWrite(m) && (
                    <>
                      <button type="button" className="link" onClick={() => setEditing(m)}>
                        {t('macros.edit')}
                      </button>{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          if (window.confirm(t('macros.deleteConfirm', { name: m.name })))
                            remove.mutate(m.id);
                        }}
                      >
                        {t('common.delete')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {remove.isError && <p className="error">{errorOf(remove.error)}</p>}
      </section>
      <section className="panel">
        <h2>{editing ? `${t('macros.edit')}: ${editing.name}` : t('macros.new')}</h2>
        <MacroForm
          key={editing?.id ?? `new-${round}`}
          me={me}
          macro={editing}
          busy={save.isPending}
          error={save.isError ? errorOf(save.error) : null}
          onSave={(draft) => save.mutate(draft)}
          onCancel={editing ? () => setEditing(null) : null}
        />
      </section>
    </div>
  );
}
