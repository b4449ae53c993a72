import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { TriggerEditor } from './TriggerEditor.tsx';
import { blankTrigger, type Trigger, type TriggerDraft } from './trigger-types.ts';
import './triggers.css';

const KEY = ['admin', 'triggers'];

/** The triggers, in the order they run: admins list, create, edit, delete and dry-run them. */
export function TriggersAdmin() {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: Trigger[] }>('GET', '/admin/triggers'),
    select: (d) => d.items,
  });
  const [editing, setEditing] = useState<{ id: string | null; draft: TriggerDraft } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const remove = async (trigger: Trigger) => {
    if (!window.confirm(t('trg.confirmDelete', { name: trigger.name }))) return;
    await api('DELETE', `/admin/triggers/${trigger.id}`);
    await refresh();
  };
  return (
    <section className="panel triggers-admin" data-testid="triggers">
      <header className="row">
        <h2>{t('trg.title')}</h2>
        <span className="spacer" />
        {!editing && (
          <button type="button" onClick={() => setEditing({ id: null, draft: blankTrigger() })}>
            {t('trg.new')}
          </button>
        )}
      </header>
      <p className="muted small">{t('trg.intro')}</p>
      {editing ? (
        <TriggerEditor
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await refresh();
          }}
        />
      ) : (
        <table className="grid compact triggers-table">
          <thead>
            <tr>
              <th>{t('trg.position')}</th>
              <th>{t('trg.name')}</th>
              <th>{t('trg.events')}</th>
              <th>{t('trg.conditions')}</th>
              <th>{t('trg.actions')}</th>
              <th>{t('trg.fired')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data?.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {t('trg.none')}
                </td>
              </tr>
            )}
            {list.data?.map((tr) => (
              <tr key={tr.id} data-trigger={tr.name} className={tr.active ? '' : 'muted'}>
                <td>{tr.position}</td>
                <td>
                  {tr.name} {!tr.active && <span className="badge">{t('trg.inactive')}</span>}
                </td>
                <td>{tr.events.map((e) => t(`trg.ev.${e}` as MessageKey)).join(', ')}</td>
                <td>
                  {tr.conditions.length} · {t(`trg.match.${tr.match}`)}
                </td>
                <td>{tr.actions.map((a) => t(`trg.a.${a.type}` as MessageKey)).join(', ')}</td>
                <td>
                  {tr.fireCount}
                  {tr.lastFiredAt && (
                    <span className="muted small">
                      {' '}
                      {t('trg.lastFired', { at: formatTime(tr.lastFiredAt, locale) })}
                    </span>
                  )}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      setEditing({
                        id: tr.id,
                        draft: {
                          name: tr.name,
                          active: tr.active,
                          position: tr.position,
                          events: tr.events,
                          match: tr.match,
                          conditions: tr.conditions,
                          actions: tr.actions,
                        },
                      })
                    }
                  >
                    {t('trg.edit')}
                  </button>{' '}
                  <button type="button" className="link" onClick={() => remove(tr)}>
                    {t('trg.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
