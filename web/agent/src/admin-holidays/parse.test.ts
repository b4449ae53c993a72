import { describe, expect, it } from 'vitest';
import { dataRunsOutSoon, parseSchedule } from './parse.ts';

describe('holiday schedule files', () => {
  it('reads the chinese-days JSON, the Chinese name as the note, in date order', () => {
    const parsed = parseSchedule(
      JSON.stringify({
        holidays: { '2027-02-07': 'Spring Festival,春节,8', '2027-02-06': 'Spring Festival,春节,8' },
        workdays: { '2027-02-14': 'Spring Festival,春节,8' },
      }),
    );
    expect(parsed).toEqual({
      days: [
        { day: '2027-02-06', kind: 'off', note: '春节' },
        { day: '2027-02-07', kind: 'off', note: '春节' },
        { day: '2027-02-14', kind: 'work', note: '春节' },
      ],
    });
  });

  it('reads CSV lines with Chinese or English kinds, skipping a header and comments', () => {
    const parsed = parseSchedule(
      'date,kind,note\n# 2027\n2027-01-01,休,元旦\n2027-02-14，班，春节调休\n2027-05-01,holiday\n',
    );
    expect(parsed).toEqual({
      days: [
        { day: '2027-01-01', kind: 'off', note: '元旦' },
        { day: '2027-02-14', kind: 'work', note: '春节调休' },
        { day: '2027-05-01', kind: 'off', note: '' },
      ],
    });
  });

  it('names the first line it cannot read', () => {
    expect(parseSchedule('2027-01-01,off\n2027/01/02,off')).toEqual({ error: '2027/01/02,off' });
    expect(parseSchedule('2027-01-01,maybe')).toEqual({ error: '2027-01-01,maybe' });
    expect(parseSchedule('')).toEqual({ error: 'empty' });
  });

  it('warns from four months before the bundled data ends', () => {
    expect(dataRunsOutSoon('2026-12-31', '2026-06-01')).toBe(false);
    expect(dataRunsOutSoon('2026-12-31', '2026-10-01')).toBe(true);
    expect(dataRunsOutSoon('2026-10-07', '2026-12-02')).toBe(true);
  });
});
