import { FieldFilter } from '../fields/FieldFilter.tsx';
import { type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useCategories, useTeams } from '../lib/lookups.ts';
import { SLA_FILTERS } from '../lib/service-types.ts';
import { CHANNELS, PRIORITIES, STATUSES } from '../lib/types.ts';
import type { InboxFilters } from './filters.ts';

const SORTS: Array<[string, MessageKey]> = [
  ['-lastActivityAt', 'sort.activityNewest'],
  ['lastActivityAt', 'sort.activityOldest'],
  ['priority', 'sort.priority'],
  ['-createdAt', 'sort.createdNewest'],
  ['createdAt', 'sort.createdOldest'],
  ['-number', 'sort.number'],
  ['sla', 'sla.sort'],
];

function toggle(list: string[], value: string) {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Status and priority as toggles; the rest as selects; and the sort. */
export function FilterBar({
  filters,
  onChange,
  showAssignee,
}: {
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
  showAssignee: boolean;
}) {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const categories = useCategories();
  const agents = useAgents();
  return (
    <div className="filters">
      <fieldset>
        <legend>{t('ticket.status')}</legend>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={filters.status.includes(s)}
            className={filters.status.includes(s) ? 'chip on' : 'chip'}
            onClick={() => onChange({ status: toggle(filters.status, s) })}
          >
            {t(`status.${s}`)}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('ticket.priority')}</legend>
        {PRIORITIES.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={filters.priority.includes(p)}
            className={filters.priority.includes(p) ? 'chip on' : 'chip'}
            onClick={() => onChange({ priority: toggle(filters.priority, p) })}
          >
            {t(`priority.${p}`)}
          </button>
        ))}
      </fieldset>
      <select
        aria-label={t('ticket.category')}
        value={filters.categoryId}
        onChange={(e) => onChange({ categoryId: e.target.value })}
      >
        <option value="">
          {t('ticket.category')}: {t('common.any')}
        </option>
        {categories.data?.map((c) => (
          <option key={c.id} value={c.id}>
            {localName(c, language)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('ticket.team')}
        value={filters.teamId}
        onChange={(e) => onChange({ teamId: e.target.value })}
      >
        <option value="">
          {t('ticket.team')}: {t('common.any')}
        </option>
        {teams.data?.map((team) => (
          <option key={team.id} value={team.id}>
            {localName(team, language)}
          </option>
        ))}
      </select>
      {showAssignee && (
        <select
          aria-label={t('ticket.assignee')}
          value={filters.assignee}
          onChange={(e) => onChange({ assignee: e.target.value })}
        >
          <option value="">
            {t('ticket.assignee')}: {t('common.any')}
          </option>
          <option value="none">{t('inbox.unassigned')}</option>
          {agents.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label={t('ticket.channel')}
        value={filters.channel}
        onChange={(e) => onChange({ channel: e.target.value })}
      >
        <option value="">
          {t('ticket.channel')}: {t('common.any')}
        </option>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        aria-label={t('sla.filter')}
        value={filters.sla}
        onChange={(e) => onChange({ sla: e.target.value })}
      >
        <option value="">
          {t('sla.filter')}: {t('common.any')}
        </option>
        {SLA_FILTERS.map((f) => (
          <option key={f} value={f}>
            {t(`sla.${f}`)}
          </option>
        ))}
      </select>
      <input
        aria-label={t('ticket.tags')}
        placeholder={t('inbox.tag')}
        defaultValue={filters.tag}
        onKeyDown={(e) => e.key === 'Enter' && onChange({ tag: e.currentTarget.value.trim() })}
        onBlur={(e) =>
          e.currentTarget.value.trim() !== filters.tag && onChange({ tag: e.currentTarget.value.trim() })
        }
      />
      <FieldFilter filters={filters} onChange={onChange} />
      <select
        aria-label={t('inbox.sort')}
        value={filters.sort}
        onChange={(e) => onChange({ sort: e.target.value })}
      >
        {SORTS.map(([value, label]) => (
          <option key={value} value={value}>
            {t(label)}
          </option>
        ))}
      </select>
    </div>
  );
}
