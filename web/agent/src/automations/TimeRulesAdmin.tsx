import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { formatTime, type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { DuePreview } from './DuePreview.tsx';
import { TimeRuleEditor } from './TimeRuleEditor.tsx';
import {
  blankTimeRule,
  describeWhen,
  type TimeRule,
  type TimeRuleDraft,
  timeRuleDraft,
} from './time-rule-types.ts';
import './triggers.css';
import './time-rules.css';

const KEY = ['admin', 'time-rules'];

/** The time-based automations, in the order they run: list, create, edit, switch, delete, preview. */
export function TimeRulesAdmin() {
  const t = useT();
  const locale = useLocale();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: TimeRule[] }>('GET', '/admin/time-rules'),
    select: (d) => d.items,
  });
  const [editing, setEditing] = useState<{ id: string | null; draft: TimeRuleDraft } | null>(null);
  const [dueOf, setDueOf] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: KEY, exact: true });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api('PATCH', `/admin/time-rules/${id}`, { active }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (rule: TimeRule) => api('DELETE', `/admin/time-rules/${rule.id}`),
    onSuccess: async (_, rule) => {
      if (dueOf === rule.id) setDueOf(null);
      await refresh();
    },
  });
  const shownDue = list.data?.find((r) => r.id === dueOf) ?? null;
  const failure = toggle.error ?? remove.error;
  return (
    <section className="panel triggers-admin time-rules-admin" data-testid="time-rules">
      <header className="row">
        <h2>{t('tr.title')}</h2>
        <span className="spacer" />
        {!editing && (
          <button type="button" onClick={() => setEditing({ id: null, draft: blankTimeRule() })}>
            {t('tr.new')}
          </button>
        )}
      </header>
      <p className="muted small">{t('tr.intro')}</p>
      {failure && <p className="error">{failure.message}</p>}
      {editing ? (
        <TimeRuleEditor
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await refresh();
          }}
        />
      ) : (
        <table className="grid compact triggers-table time-rules-table">
          <thead>
            <tr>
              <th>{t('trg.position')}</th>
              <th>{t('trg.active')}</th>
              <th>{t('trg.name')}</th>
              <th>{t('tr.when')}</th>
              <th>{t('trg.conditions')}</th>
              <th>{t('trg.actions')}</th>
              <th>{t('trg.fired')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data?.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  {t('tr.none')}
                </td>
              </tr>
            )}
            {list.data?.map((rule) => (
              <tr key={rule.id} data-time-rule={rule.name} className={rule.active ? '' : 'muted'}>
                <td>{rule.position}</td>
                <td>
                  <input
                    type="checkbox"
                    name="ruleActive"
                    aria-label={`${t('trg.active')} ${rule.name}`}
                    checked={rule.active}
                    disabled={toggle.isPending}
                    onChange={(e) => toggle.mutate({ id: rule.id, active: e.target.checked })}
                  />
                </td>
                <td>
                  {rule.name} {!rule.active && <span className="badge">{t('trg.inactive')}</span>}
                </td>
                <td className="time-rule-when">{describeWhen(rule.when, t)}</td>
                <td>
                  {rule.conditions.length} · {t(`trg.match.${rule.match}`)}
                </td>
                <td>{rule.actions.map((a) => t(`trg.a.${a.type}` as MessageKey)).join(', ')}</td>
                <td>
                  {rule.fireCount}
                  {rule.lastFiredAt && (
                    <span className="muted small">
                      {' '}
                      {t('trg.lastFired', { at: formatTime(rule.lastFiredAt, locale) })}
                    </span>
                  )}
                </td>
                <td className="actions">
                  <button type="button" className="link" onClick={() => setDueOf(rule.id)}>
                    {t('tr.due')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setDueOf(null);
                      setEditing({ id: rule.id, draft: timeRuleDraft(rule) });
                    }}
                  >
                    {t('trg.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link danger"
                    onClick={() =>
                      window.confirm(t('tr.confirmDelete', { name: rule.name })) && remove.mutate(rule)
                    }
                  >
                    {t('trg.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shownDue && !editing && (
        <div className="time-rule-due">
          <DuePreview key={shownDue.id} ruleId={shownDue.id} name={shownDue.name} />
        </div>
      )}
    </section>
  );
}
