import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useLocale, useT } from '../lib/i18n.ts';
import { localName, useTeams } from '../lib/lookups.ts';
import type { SlaCalendar, WorkingSpan } from '../lib/service-types.ts';
import { CalendarDays } from './CalendarDays.tsx';
import { formatWeekly, parseSpans } from './weekly.ts';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Draft = Pick<
  SlaCalendar,
  'code' | 'name' | 'timeZone' | 'weekly' | 'holidaySource' | 'teamId' | 'isDefault'
>;
const blank: Draft = {
  code: '',
  name: '',
  timeZone: 'Asia/Shanghai',
  weekly: {
    '1': [['09:00', '18:00']],
    '2': [['09:00', '18:00']],
    '3': [['09:00', '18:00']],
    '4': [['09:00', '18:00']],
    '5': [['09:00', '18:00']],
    '6': [],
    '7': [],
  },
  holidaySource: null,
  teamId: null,
  isDefault: false,
};

/** Business calendars: working hours per weekday, China's holidays and 调休, and entered days. */
export function SlaCalendars({
  canEdit,
  calendars,
  dataUntil,
}: {
  canEdit: boolean;
  calendars: SlaCalendar[];
  dataUntil: string;
}) {
  const t = useT();
  const { language } = useLocale();
  const teams = useTeams();
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="panel" data-testid="sla-calendars">
      <header className="row">
        <h2>{t('admin.calendars')}</h2>
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
            <th>{t('admin.code')}</th>
            <th>{t('admin.name')}</th>
            <th>{t('admin.timeZone')}</th>
            <th>{t('admin.weekly')}</th>
            <th>{t('ticket.team')}</th>
            <th>{t('admin.days')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {calendars.map((c) => (
            <tr key={c.id}>
              <td className="mono">{c.code}</td>
              <td>
                {c.name} {c.isDefault && <span className="badge">{t('admin.default')}</span>}
                {c.holidaySource === 'cn' && <span className="badge">调休</span>}
              </td>
              <td>{c.timeZone}</td>
              <td className="small">
                {formatWeekly(c.weekly, (d) => t(`weekday.${d as (typeof WEEKDAYS)[number]}`))}
              </td>
              <td>
                {localName(
                  teams.data?.find((x) => x.id === c.teamId),
                  language,
                ) || '—'}
              </td>
              <td>
                <button type="button" className="link" onClick={() => setOpen(open === c.id ? null : c.id)}>
                  {c.days.length}
                </button>
              </td>
              <td>
                {canEdit && (
                  <button type="button" className="link" onClick={() => setEditing({ id: c.id, draft: c })}>
                    {t('admin.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <CalendarDays
          calendar={calendars.find((c) => c.id === open)}
          canEdit={canEdit}
          dataUntil={dataUntil || null}
        />
      )}
      {editing && (
        <CalendarForm
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          dataUntil={dataUntil}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function CalendarForm(props: { id: string | null; initial: Draft; dataUntil: string; onDone: () => void }) {
  const t = useT();
  const { language } = useLocale();
  const client = useQueryClient();
  const teams = useTeams();
  const i = props.initial;
  const [d, setD] = useState<Draft>({
    code: i.code,
    name: i.name,
    timeZone: i.timeZone,
    weekly: i.weekly,
    holidaySource: i.holidaySource,
    teamId: i.teamId,
    isDefault: i.isDefault,
  });
  const [hours, setHours] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEEKDAYS.map((w) => [w, (i.weekly[w] ?? []).map((s) => s.join('-')).join(', ')])),
  );
  const [bad, setBad] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const save = useMutation({
    mutationFn: (body: Draft) =>
      props.id ? api('PUT', `/sla/calendars/${props.id}`, body) : api('POST', '/sla/calendars', body),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.slaCalendars });
      props.onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const weekly: Record<string, WorkingSpan[]> = {};
    for (const w of WEEKDAYS) {
      const spans = parseSpans(hours[w] ?? '');
      if (!spans) return setBad(t(`weekday.${w}`));
      weekly[w] = spans;
    }
    setBad(null);
    save.mutate({ ...d, weekly });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label={t('admin.calendars')}>
      <label>
        {t('admin.code')}
        <input name="code" required value={d.code} onChange={(e) => set({ code: e.target.value })} />
      </label>
      <label>
        {t('admin.name')}
        <input name="name" required value={d.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label>
        {t('admin.timeZone')}
        <input
          name="timeZone"
          required
          value={d.timeZone}
          onChange={(e) => set({ timeZone: e.target.value })}
        />
      </label>
      <label>
        {t('ticket.team')}
        <select value={d.teamId ?? ''} onChange={(e) => set({ teamId: e.target.value || null })}>
          <option value="">—</option>
          {teams.data?.map((x) => (
            <option key={x.id} value={x.id}>
              {localName(x, language)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>
          {t('admin.weekly')} <span className="muted small">{t('admin.weeklyHint')}</span>
        </legend>
        {WEEKDAYS.map((w) => (
          <label key={w} className="weekday">
            {t(`weekday.${w}`)}
            <input
              name={`day${w}`}
              value={hours[w] ?? ''}
              placeholder="—"
              onChange={(e) => setHours((h) => ({ ...h, [w]: e.target.value }))}
            />
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input
          type="checkbox"
          checked={d.holidaySource === 'cn'}
          onChange={(e) => set({ holidaySource: e.target.checked ? 'cn' : null })}
        />
        {t('admin.cnHolidays', { until: props.dataUntil })}
      </label>
      <label className="inline">
        <input type="checkbox" checked={d.isDefault} onChange={(e) => set({ isDefault: e.target.checked })} />
        {t('admin.default')}
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('common.cancel')}
        </button>
        {bad && (
          <span className="error">
            {t('admin.weekly')}: {bad}
          </span>
        )}
        {save.error && <span className="error">{save.error.message}</span>}
      </div>
    </form>
  );
}
