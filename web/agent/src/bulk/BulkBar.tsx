import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useOpenIncidents } from '../incidents/IncidentPanel.tsx';
import { ApiError, api } from '../lib/api.ts';
import { type MessageKey, useLocale, useT } from '../lib/i18n.ts';
import { localName, useAgents, useTeams } from '../lib/lookups.ts';
import { PRIORITIES, STATUSES } from '../lib/types.ts';
import { useMacros } from '../macros/MacroPicker.tsx';
import './bulk.css';

type ActionType =
  | 'status'
  | 'priority'
  | 'team'
  | 'assignee'
  | 'add_tags'
  | 'remove_tags'
  | 'macro'
  | 'link_incident';
const ACTIONS: Array<[ActionType, MessageKey]> = [
  ['status', 'bulk.status'],
  ['priority', 'bulk.priority'],
  ['team', 'bulk.team'],
  ['assignee', 'bulk.assignee'],
  ['add_tags', 'bulk.addTags'],
  ['remove_tags', 'bulk.removeTags'],
  ['macro', 'bulk.macro'],
  ['link_incident', 'bulk.incident'],
];
const NONE = '__none__';

interface Progress {
  id: string;
  state: 'queued' | 'running' | 'finished';
  total: number;
  done: number;
  changed: number;
  failures: Array<{ ticketId: string; number: string; code: string; message: string }>;
}

/** The request's body for the chosen action and value, or null while the value is missing. */
function actionOf(type: ActionType | '', value: string) {
  const tags = value
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  switch (type) {
    case 'status':
    case 'priority':
      return value ? { type, value } : null;
    case 'team':
    case 'assignee':
      return value ? { type, value: value === NONE ? null : value } : null;
    case 'add_tags':
    case 'remove_tags':
      return tags.length ? { type, tags } : null;
    case 'macro':
      return value ? { type, macroId: value } : null;
    case 'link_incident':
      return value ? { type, incident: value } : null;
    default:
      return null;
  }
}

/**
 * The inbox's bulk bar: what is selected (some rows, or all matching the filter), one action and
 * its value, then the job's progress until it finishes, with the tickets it refused.
 */
export function BulkBar({
  selected,
  allMatching,
  matchingCount,
  pageCount,
  filter,
  onAllMatching,
  onClear,
}: {
  selected: string[];
  allMatching: boolean;
  matchingCount: number | null;
  pageCount: number;
  filter: Record<string, unknown>;
  onAllMatching: () => void;
  onClear: () => void;
}) {
  const t = useT();
  const { language } = useLocale();
  const client = useQueryClient();
  const [type, setType] = useState<ActionType | ''>('');
  const [value, setValue] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const teams = useTeams();
  const agents = useAgents();
  const macros = useMacros();
  const incidents = useOpenIncidents(type === 'link_incident');
  const progress = useQuery({
    queryKey: ['bulk', jobId],
    queryFn: () => api<Progress>('GET', `/tickets/bulk/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.state === 'finished' ? false : 700),
  });
  const finished = progress.data?.state === 'finished';
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: ['tickets'] });
  }, [finished, client]);

  const count = allMatching ? (matchingCount ?? 0) : selected.length;
  const action = actionOf(type, value);
  async function run() {
    if (!action) return;
    setError(null);
    try {
      const body = allMatching ? { filter, action } : { ticketIds: selected, action };
      const started = await api<{ id: string }>('POST', '/tickets/bulk', body);
      setJobId(started.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.failed'));
    }
  }

  const p = progress.data;
  return (
    <section className="bulk-bar" aria-label={t('bulk.action')}>
      <div className="bulk-row">
        <strong data-testid="bulk-count">
          {allMatching ? t('bulk.allMatchingOn') : t('bulk.selected', { count: selected.length })}
        </strong>
        {!allMatching &&
          matchingCount !== null &&
          matchingCount > pageCount &&
          selected.length === pageCount && (
            <button type="button" className="link" onClick={onAllMatching}>
              {t('bulk.allMatching', { count: matchingCount })}
            </button>
          )}
        <button type="button" className="link" onClick={onClear}>
          {t('bulk.clear')}
        </button>
      </div>
      <div className="bulk-row">
        <select
          name="bulkAction"
          aria-label={t('bulk.action')}
          value={type}
          onChange={(e) => {
            setType(e.target.value as ActionType | '');
            setValue('');
          }}
        >
          <option value="">{t('bulk.action')}</option>
          {ACTIONS.map(([a, label]) => (
            <option key={a} value={a}>
              {t(label)}
            </option>
          ))}
        </select>
        {(type === 'add_tags' || type === 'remove_tags') && (
          <input
            name="bulkValue"
            aria-label={t('bulk.tags')}
            placeholder={t('bulk.tags')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        {type && type !== 'add_tags' && type !== 'remove_tags' && (
          <select
            name="bulkValue"
            aria-label={t('bulk.value')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          >
            <option value="">…</option>
            {type === 'status' &&
              STATUSES.filter((s) => s !== 'new').map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            {type === 'priority' &&
              PRIORITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`priority.${s}`)}
                </option>
              ))}
            {type === 'team' && (
              <>
                <option value={NONE}>{t('macros.noTeam')}</option>
                {teams.data?.map((x) => (
                  <option key={x.id} value={x.id}>
                    {localName(x, language)}
                  </option>
                ))}
              </>
            )}
            {type === 'assignee' && (
              <>
                <option value={NONE}>{t('macros.nobody')}</option>
                {agents.data?.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </>
            )}
            {type === 'macro' &&
              macros.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            {type === 'link_incident' &&
              incidents.data?.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.number} {i.title}
                </option>
              ))}
          </select>
        )}
        <button
          type="button"
          className="primary"
          disabled={!action || count === 0 || (jobId !== null && !finished)}
          onClick={() => void run()}
        >
          {t('bulk.run', { count })}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {p && (
        <div className="bulk-progress" role="status" data-testid="bulk-progress">
          <progress max={p.total} value={p.done} />
          <span>
            {finished
              ? t('bulk.finished', { changed: p.changed, total: p.total, failed: p.failures.length })
              : t('bulk.progress', {
                  done: p.done,
                  total: p.total,
                  changed: p.changed,
                  failed: p.failures.length,
                })}
          </span>
          {p.failures.length > 0 && (
            <details>
              <summary>{t('bulk.failures')}</summary>
              <ul>
                {p.failures.map((f) => (
                  <li key={f.ticketId}>
                    <span className="mono">{f.number}</span> {f.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
