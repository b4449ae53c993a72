import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HolidayImport } from '../admin-holidays/HolidayImport.tsx';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import type { SlaCalendar } from '../lib/service-types.ts';

/** The days an admin entered: a day off, or a make-up working day (调休) on a weekend. */
export function CalendarDays({
  calendar,
  canEdit,
  dataUntil = null,
}: {
  calendar: SlaCalendar | undefined;
  canEdit: boolean;
  /** The last day of the bundled holiday data (the import warns before it). */
  dataUntil?: string | null;
}) {
  const t = useT();
  const client = useQueryClient();
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<'off' | 'work'>('work');
  const [note, setNote] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: keys.slaCalendars });
  const put = useMutation({
    mutationFn: () => api('PUT', `/sla/calendars/${calendar?.id}/days/${day}`, { kind, note }),
    onSuccess: () => {
      setDay('');
      setNote('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (d: string) => api('DELETE', `/sla/calendars/${calendar?.id}/days/${d}`),
    onSuccess: refresh,
  });
  if (!calendar) return null;
  return (
    <div className="calendar-days" data-testid="calendar-days">
      <h3>
        {calendar.name} · {t('admin.days')}
      </h3>
      <ul>
        {calendar.days.map((d) => (
          <li key={d.day}>
            <span className="mono">{d.day}</span>{' '}
            <span className={d.kind === 'work' ? 'badge day-work' : 'badge day-off'}>
              {t(d.kind === 'work' ? 'admin.dayWork' : 'admin.dayOff')}
            </span>{' '}
            {d.note}{' '}
            {canEdit && (
              <button type="button" className="link" onClick={() => remove.mutate(d.day)}>
                {t('common.delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (day) put.mutate();
          }}
        >
          <input
            type="date"
            aria-label={t('admin.day')}
            value={day}
            required
            onChange={(e) => setDay(e.target.value)}
          />
          <select
            aria-label={t('admin.dayWork')}
            value={kind}
            onChange={(e) => setKind(e.target.value === 'off' ? 'off' : 'work')}
          >
            <option value="work">{t('admin.dayWork')}</option>
            <option value="off">{t('admin.dayOff')}</option>
          </select>
          <input
            aria-label={t('admin.note')}
            placeholder={t('admin.note')}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit">{t('admin.addDay')}</button>
          {put.error && <span className="error">{put.error.message}</span>}
        </form>
      )}
      {canEdit && (
        <HolidayImport
          calendarId={calendar.id}
          dataUntil={dataUntil}
          usesChinaData={calendar.holidaySource === 'cn'}
        />
      )}
    </div>
  );
}
