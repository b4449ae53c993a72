import { describe, expect, it } from 'vitest';
import { mutedNotice } from './muted.ts';

describe('the muted notice', () => {
  it('says the end in the reader’s language and time zone, with the zone named', () => {
    const until = '2026-12-02T16:30:00.000Z';
    const zh = mutedNotice('zh-CN', until, 'Asia/Shanghai');
    expect(zh).toContain('12月3日');
    expect(zh).toContain('00:30');
    expect(zh).toContain('GMT+8');
    expect(zh).not.toContain('2026-12-02T16:30');
    const en = mutedNotice('en', until, 'America/New_York');
    expect(en).toContain('December 2');
    expect(en).toContain('11:30');
    expect(en).toContain('EST');
  });
});
