import { type FormEvent, useState } from 'react';
import { fieldActionsOf, fieldTextsOf, MacroFieldActions } from '../fields/MacroFieldActions.tsx';
import { type CustomField, useCustomFields } from '../fields/types.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useTeams } from '../lib/lookups.ts';
import { type Agent, PRIORITIES, type Priority, STATUSES, type TicketStatus } from '../lib/types.ts';
import type { Macro, MacroAction } from './types.ts';

export interface MacroDraft {
  name: string;
  scope: Macro['scope'];
  actions: MacroAction[];
}

/** The form's fields, flat: one per action kind ('' = the macro leaves it as it is). */
interface Fields {
  name: string;
  scope: Macro['scope'];
  replyZh: string;
  replyEn: string;
  note: string;
  status: string;
  priority: string;
  team: string;
  assignee: string;
  addTags: string;
  removeTags: string;
  /** Custom ticket fields to set: key → text ('' leaves it, CLEAR empties it). */
  setFields: Record<string, string>;
}

const NONE = '__none__';

function fieldsOf(macro: Macro | null, scope: Macro['scope']): Fields {
  const f: Fields = {
    name: macro?.name ?? '',
    scope: macro?.scope ?? scope,
    replyZh: '',
    replyEn: '',
    note: '',
    status: '',
    priority: '',
    team: '',
    assignee: '',
    addTags: '',
    removeTags: '',
    setFields: fieldTextsOf(macro?.actions ?? []),
  };
  for (const a of macro?.actions ?? []) {
    if (a.type === 'reply') Object.assign(f, { replyZh: a.zh, replyEn: a.en });
    if (a.type === 'note') f.note = a.body;
    if (a.type === 'status') f.status = a.value;
    if (a.type === 'priority') f.priority = a.value;
    if (a.type === 'team') f.team = a.value ?? NONE;
    if (a.type === 'assignee') f.assignee = a.value ?? NONE;
    if (a.type === 'add_tags') f.addTags = a.tags.join(', ');
    if (a.type === 'remove_tags') f.removeTags = a.tags.join(', ');
  }
  return f;
}

const tagList = (text: string) => [
  ...new Set(
    text
      .split(/[,，\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

function actionsOf(f: Fields, fields: readonly CustomField[]): MacroAction[] {
  const out: MacroAction[] = [];
  if (f.replyZh.trim() || f.replyEn.trim()) out.push({ type: 'reply', zh: f.replyZh, en: f.replyEn });
  if (f.note.trim()) out.push({ type: 'note', body: f.note });
  if (f.status) out.push({ type: 'status', value: f.status as TicketStatus });
  if (f.priority) out.push({ type: 'priority', value: f.priority as Priority });
  if (f.team) out.push({ type: 'team', value: f.team === NONE ? null : f.team });
  if (f.assignee) out.push({ type: 'assignee', value: f.assignee === NONE ? null : f.assignee });
  if (tagList(f.addTags).length) out.push({ type: 'add_tags', tags: tagList(f.addTags) });
  if (tagList(f.removeTags).length) out.push({ type: 'remove_tags', tags: tagList(f.removeTags) });
  out.push(...fieldActionsOf(f.setFields, fields));
  return out;
}

/** Create or edit one macro. Agents write personal macros; supervisors and admins also shared ones. */
export function MacroForm({
  me,
  macro,
  busy,
  error,
  onSave,
  onCancel,
}: {
  me: Agent;
  macro: Macro | null;
  busy: boolean;
  error: string | null;
  onSave: (draft: MacroDraft) => void;
  onCancel: (() => void) | null;
}) {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const agents = useAgents();
  const customFields = useCustomFields();
  const [f, setF] = useState(() => fieldsOf(macro, me.role === 'agent' ? 'personal' : 'shared'));
  const [missing, setMissing] = useState(false);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) =>
    setF((x) => ({ ...x, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const actions = actionsOf(f, customFields.data?.items ?? []);
    setMissing(actions.length === 0);
    if (actions.length > 0) onSave({ name: f.name.trim(), scope: f.scope, actions });
  };
  return (
    <form className="macro-form" onSubmit={submit} aria-label={macro ? macro.name : t('macros.new')}>
      <label>
        {t('macros.name')}
        <input name="macroName" value={f.name} onChange={set('name')} required maxLength={120} />
      </label>
      <label>
        {t('macros.scope')}
        <select name="macroScope" value={f.scope} onChange={set('scope')} disabled={macro !== null}>
          <option value="personal">{t('macros.scope.personal')}</option>
          {me.role !== 'agent' && <option value="shared">{t('macros.scope.shared')}</option>}
        </select>
      </label>
      <label>
        {t('macros.replyZh')}
        <textarea name="replyZh" value={f.replyZh} onChange={set('replyZh')} maxLength={20_000} />
      </label>
      <label>
        {t('macros.replyEn')}
        <textarea name="replyEn" value={f.replyEn} onChange={set('replyEn')} maxLength={20_000} />
      </label>
      <p className="muted wide">{t('macros.variables')}</p>
      <label className="wide">
        {t('macros.note')}
        <textarea name="note" value={f.note} onChange={set('note')} maxLength={20_000} />
      </label>
      <label>
        {t('macros.field.status')}
        <select name="macroStatus" value={f.status} onChange={set('status')}>
          <option value="">{t('macros.unchanged')}</option>
          {STATUSES.filter((s) => s !== 'closed').map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('macros.field.priority')}
        <select name="macroPriority" value={f.priority} onChange={set('priority')}>
          <option value="">{t('macros.unchanged')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('macros.field.team')}
        <select name="macroTeam" value={f.team} onChange={set('team')}>
          <option value="">{t('macros.unchanged')}</option>
          <option value={NONE}>{t('macros.noTeam')}</option>
          {teams.data?.map((team) => (
            <option key={team.id} value={team.id}>
              {localName(team, language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('macros.field.assignee')}
        <select name="macroAssignee" value={f.assignee} onChange={set('assignee')}>
          <option value="">{t('macros.unchanged')}</option>
          <option value="me">{t('macros.me')}</option>
          <option value={NONE}>{t('macros.nobody')}</option>
          {agents.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('macros.addTags')}
        <input name="addTags" value={f.addTags} onChange={set('addTags')} />
      </label>
      <label>
        {t('macros.removeTags')}
        <input name="removeTags" value={f.removeTags} onChange={set('removeTags')} />
      </label>
      <MacroFieldActions
        texts={f.setFields}
        onChange={(key, text) => setF((x) => ({ ...x, setFields: { ...x.setFields, [key]: text } }))}
      />
      {(missing || error) && (
        <p className="error wide" role="alert">
          {missing ? t('macros.needAction') : error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {macro ? t('macros.save') : t('macros.create')}
        </button>
        {onCancel && (
          <button type="button" className="link" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
