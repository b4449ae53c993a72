import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { keys } from '../lib/cache.ts';
import { useT } from '../lib/i18n.ts';
import { dataRunsOutSoon, parseSchedule, type ScheduleDay } from './parse.ts';

/**
 * Imports a year's official schedule into a calendar from a file (chinese-days JSON or
 * date,kind,note lines), after showing what it read; warns when the bundled data runs out soon.
 */
export function HolidayImport({
  calendarId,
  dataUntil,
  usesChinaData,
}: {
  calendarId: string;
  dataUntil: string | null;
  usesChinaData: boolean;
}) {
  const t = useT();
  const client = useQueryClient();
  const [days, setDays] = useState<ScheduleDay[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const importDays = useMutation({
    mutationFn: () => api<{ imported: number }>('POST', `/sla/calendars/${calendarId}/days/import`, { days }),
    onSuccess: (answer) => {
      setDone(answer.imported);
      setDays(null);
      void client.invalidateQueries({ queryKey: keys.slaCalendars });
    },
  });
  async function read(file: File | undefined) {
    setDone(null);
    setDays(null);
    setProblem(null);
    if (!file) return;
    const parsed = parseSchedule(await file.text());
    if ('error' in parsed) setProblem(parsed.error);
    else setDays(parsed.days);
  }
  const today = new Date().toISOString().slice(0, 10);
  const off = days?.filter((d) => d.kind === 'off').length ?? 0;

  return (
    <div className="holiday-import" data-testid="holiday-import">
      {usesChinaData && dataRunsOutSoon(dataUntil, today) && (
        <p className="holiday-warning" role="alert">
          {t('holidays.runsOut', { until: dataUntil ?? '' })}
        </p>
      )}
      <label>
        {t('holidays.file')}
        <input
          type="file"
          name="holidayFile"
          accept=".json,.csv,.txt,application/json,text/csv,text/plain"
          onChange={(e) => void read(e.target.files?.[0])}
        />
      </label>
      <p className="muted small">{t('holidays.format')}</p>
      {problem && <p className="error">{t('holidays.unreadable', { line: problem })}</p>}
      {days && (
        <div className="row" data-testid="holiday-preview">
          <span>
            {t('holidays.preview', {
              off,
              work: days.length - off,
              from: days[0]!.day,
              to: days.at(-1)!.day,
            })}
          </span>
          <button type="button" disabled={importDays.isPending} onClick={() => importDays.mutate()}>
            {t('holidays.import')}
          </button>
        </div>
      )}
      {done !== null && <p className="test-ok">{t('holidays.done', { count: done })}</p>}
      {importDays.error && <p className="error">{importDays.error.message}</p>}
    </div>
  );
}
