import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useCategories } from '../lib/lookups.ts';
import type { SlaCalendar, SlaPolicy } from '../lib/service-types.ts';
import { CHANNELS, PRIORITIES, type Priority } from '../lib/types.ts';

type Draft = Omit<SlaPolicy, 'id'>;
const blank: Draft = {
  name: '',
  position: 100,
  categoryIds: [],
  priorities: [],
  channels: [],
  businessTime: true,
  calendarId: null,
  firstResponseMinutes: null,
  nextResponseMinutes: null,
  resolutionMinutes: null,
  active: true,
};

const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
const minutesOrNull = (s: string) => (s.trim() === '' ? null : Math.max(1, Math.round(Number(s))));

/** SLA policies in the order they are tried; admins add and change them, supervisors read. */
export function SlaPolicies({ canEdit, calendars }: { canEdit: boolean; calendars: SlaCalendar[] }) {
  const t = useT();
  const { language } = useLocale();
  const categories = useCategories();
  const policies = useQuery({
    queryKey: keys.slaPolicies,
    queryFn: () => api<{ items: SlaPolicy[] }>('GET', '/sla/policies'),
    select: (d) => d.items,
  });
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const catName = (id: string) =>
    localName(
      categories.data?.find((c) => c.id === id),
      language,
    ) || id;
  const calName = (id: string | null) => calendars.find((c) => c.id === id)?.name ?? t('admin.calendarAuto');
  const cond = (p: SlaPolicy) =>
    [...p.categoryIds.map(catName), ...p.priorities.map((x) => t(`priority.${x}`)), ...p.channels].join(
      ', ',
    ) || t('common.any');
  const mins = (v: number | null) => (v === null ? '—' : String(v));
  return (
    <section className="panel" data-testid="sla-policies">
      <header className="row">
        <h2>{t('admin.policies')}</h2>
        <span className="spacer" />
        {canEdit && (
          <button type="button" onClick={() => setEditing({ id: null, draft: blank })}>
            {t('admin.add')}
          </button>
        )}
      </header>
      <table className="grid compact">
        <thead>
          <tr>
            <th>{t('admin.position')}</th>
            <th>{t('admin.name')}</th>
            <th>{t('admin.conditions')}</th>
            <th>{t('admin.firstResponseMin')}</th>
            <th>{t('admin.nextResponseMin')}</th>
            <th>{t('admin.resolutionMin')}</th>
            <th>{t('admin.calendar')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {policies.data?.map((p) => (
            <tr key={p.id} className={p.active ? '' : 'muted'}>
              <td>{p.position}</td>
              <td>
                {p.name} {!p.active && <span className="badge">{t('admin.inactive')}</span>}
              </td>
              <td>{cond(p)}</td>
              <td>{mins(p.firstResponseMinutes)}</td>
              <td>{mins(p.nextResponseMinutes)}</td>
              <td>{mins(p.resolutionMinutes)}</td>
              <td>{p.businessTime ? calName(p.calendarId) : t('sla.calendarTime')}</td>
              <td>
                {canEdit && (
                  <button type="button" className="link" onClick={() => setEditing({ id: p.id, draft: p })}>
                    {t('admin.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <PolicyForm
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          calendars={calendars}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function PolicyForm(props: {
  id: string | null;
  initial: Draft;
  calendars: SlaCalendar[];
  onDone: () => void;
}) {
  const t = useT();
  const { language } = useLocale();
  const client = useQueryClient();
  const categories = useCategories();
  // Only the fields the API takes: the listed policy also carries id and createdAt.
  const start = props.initial;
  const [d, setD] = useState<Draft>({
    name: start.name,
    position: start.position,
    categoryIds: start.categoryIds,
    priorities: start.priorities,
    channels: start.channels,
    businessTime: start.businessTime,
    calendarId: start.calendarId,
    firstResponseMinutes: start.firstResponseMinutes,
    nextResponseMinutes: start.nextResponseMinutes,
    resolutionMinutes: start.resolutionMinutes,
    active: start.active,
  });
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      props.id ? api('PUT', `/sla/policies/${props.id}`, d) : api('POST', '/sla/policies', d),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.slaPolicies });
      props.onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const minutesField = (
    key: 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes',
    label: string,
  ) => (
    <label>
      {label}
      <input
        type="number"
        min={1}
        name={key}
        value={d[key] ?? ''}
        onChange={(e) => set({ [key]: minutesOrNull(e.target.value) })}
      />
    </label>
  );
  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('admin.policies')}>
      <label>
        {t('admin.name')}
        <input name="name" required value={d.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label>
        {t('admin.position')}
        <input
          type="number"
          min={0}
          name="position"
          value={d.position}
          onChange={(e) => set({ position: Number(e.target.value) })}
        />
      </label>
      <fieldset>
        <legend>{t('admin.conditions')}</legend>
        {categories.data?.map((c) => (
          <button
            key={c.id}
            type="button"
            className={d.categoryIds.includes(c.id) ? 'chip on' : 'chip'}
            onClick={() => set({ categoryIds: toggle(d.categoryIds, c.id) })}
          >
            {localName(c, language)}
          </button>
        ))}
        {PRIORITIES.map((p: Priority) => (
          <button
            key={p}
            type="button"
            className={d.priorities.includes(p) ? 'chip on' : 'chip'}
            onClick={() => set({ priorities: toggle(d.priorities, p) })}
          >
            {t(`priority.${p}`)}
          </button>
        ))}
        {CHANNELS.map((c) => (
          <button
            key={c}
            type="button"
            className={d.channels.includes(c) ? 'chip on' : 'chip'}
            onClick={() => set({ channels: toggle(d.channels, c) })}
          >
            {c}
          </button>
        ))}
      </fieldset>
      {minutesField('firstResponseMinutes', t('admin.firstResponseMin'))}
      {minutesField('nextResponseMinutes', t('admin.nextResponseMin'))}
      {minutesField('resolutionMinutes', t('admin.resolutionMin'))}
      <label className="inline">
        <input
          type="checkbox"
          checked={d.businessTime}
          onChange={(e) => set({ businessTime: e.target.checked })}
        />
        {t('admin.businessTime')}
      </label>
      <label>
        {t('admin.calendar')}
        <select
          value={d.calendarId ?? ''}
          disabled={!d.businessTime}
          onChange={(e) => set({ calendarId: e.target.value || null })}
        >
          <option value="">{t('admin.calendarAuto')}</option>
          {props.calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={d.active} onChange={(e) => set({ active: e.target.checked })} />
        {t('admin.active')}
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('common.cancel')}
        </button>
        {save.error && <span className="error">{save.error.message}</span>}
      </div>
    </form>
  );
}
