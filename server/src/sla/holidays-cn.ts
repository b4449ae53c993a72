// Mainland China's public holidays and make-up working days (调休), as published by the State
// Council each year, from the maintained chinese-days package rather than a hand-typed table.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const holidays = data.holidays as Record<string, string>;
const workdays = data.workdays as Record<string, string>;

/** 'off' for a public holiday, 'work' for a 调休 working day, null for an ordinary day. */
export function chinaDayKind(isoDate: string): 'off' | 'work' | null {
  if (isoDate in workdays) return 'work';
  if (isoDate in holidays) return 'off';
  return null;
}

/** The last date the package knows about: after it, only admin-entered days apply. */
export const CHINA_DATA_UNTIL = Object.keys(holidays).sort().at(-1) ?? null;
