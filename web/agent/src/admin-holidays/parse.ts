/** One day of an official schedule: a public holiday, or a make-up working day (调休). */
export interface ScheduleDay {
  day: string;
  kind: 'off' | 'work';
  note: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OFF = new Set(['off', 'holiday', '休', '休息', '假', '放假', '节假日']);
const WORK = new Set(['work', 'workday', '班', '上班', '调休上班', '补班', '工作日']);

/**
 * Reads a schedule file an admin has: either the chinese-days package's JSON
 * (`{ "holidays": { "2027-02-06": "Spring Festival,春节,3" }, "workdays": { … } }`, a newer release
 * of the data Kefu bundles), or lines of `date,kind,note` (kind off/holiday/休 or work/班; the note
 * optional). Returns the days, or the first line it cannot read.
 */
export function parseSchedule(text: string): { days: ScheduleDay[] } | { error: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let data: { holidays?: Record<string, string>; workdays?: Record<string, string> };
    try {
      data = JSON.parse(trimmed) as typeof data;
    } catch {
      return { error: 'JSON' };
    }
    const days: ScheduleDay[] = [];
    for (const [kind, map] of [
      ['off', data.holidays],
      ['work', data.workdays],
    ] as const) {
      for (const [day, label] of Object.entries(map ?? {})) {
        if (!DATE.test(day)) return { error: day };
        // chinese-days labels read "English,中文,days": the Chinese name is the useful note.
        const parts = String(label).split(',');
        days.push({ day, kind, note: (parts[1] ?? parts[0] ?? '').slice(0, 200) });
      }
    }
    return days.length ? { days: days.sort((a, b) => a.day.localeCompare(b.day)) } : { error: 'empty' };
  }
  const days: ScheduleDay[] = [];
  for (const raw of trimmed.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^date\b/i.test(line)) continue;
    const [day = '', kindWord = '', ...rest] = line.split(/[,\t;，]/).map((s) => s.trim());
    const kind = OFF.has(kindWord.toLowerCase()) ? 'off' : WORK.has(kindWord.toLowerCase()) ? 'work' : null;
    if (!DATE.test(day) || !kind) return { error: line };
    days.push({ day, kind, note: rest.join(' ').slice(0, 200) });
  }
  return days.length ? { days } : { error: 'empty' };
}

/** How many days before the bundled data ends the calendar screen starts warning. */
export const WARN_DAYS = 120;

/** Whether the bundled holiday data runs out within WARN_DAYS of `today` (both YYYY-MM-DD). */
export function dataRunsOutSoon(until: string | null, today: string): boolean {
  if (!until) return false;
  const ms = Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return ms < WARN_DAYS * 86_400_000;
}
