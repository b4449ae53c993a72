import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCandidates, contextModel, detectInContext } from './detect-in-context.ts';

const found = (text: string) => detectInContext(text).map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);

describe('codes and passwords weighed by their evidence', () => {
  it('finds a code or a password in wordings no phrase rule was written for', () => {
    expect(found('the thing it texted me was 48 21 90')).toContain('verification_code:48 21 90');
    expect(found('手机上收到的是 6 6 1 0 2 9，快帮我看看')).toContain('verification_code:6 6 1 0 2 9');
    expect(found('i keep entering Moonlight_88 and it says invalid credentials')).toContain(
      'password:Moonlight_88',
    );
  });

  it('never takes an amount, a date, a named identifier or another kind of code', () => {
    for (const text of [
      'I sent 500000 USDT on 2024-06-01 and got nothing, order 88213390',
      'my UID is 30219847 and the withdrawal id is 552910',
      'the app shows error code 4011 when I log in',
      '充值了 150000 顆 SHIB 但是余额只有 149000',
      'My password must have at least 8 characters right?',
      'I typed my email address jane.doe@mail.com and it says not found',
    ])
      expect(found(text), text).toEqual([]);
    const excluded = allCandidates('withdrew 250000 SHIB and got only 240000').filter((c) => c.excluded);
    expect(excluded.map((c) => c.kind)).toEqual(['verification_code', 'verification_code']);
  });

  it('ships a small model trained only on development sets, with thresholds from cross-validation', () => {
    const model = contextModel();
    for (const set of model.trainedOn.sets) expect(set.startsWith('heldout'), set).toBe(false);
    for (const kind of ['verification_code', 'password'] as const) {
      expect(model[kind].threshold).toBeGreaterThan(0);
      expect(model[kind].threshold).toBeLessThan(1);
    }
    expect(statSync(new URL('./context-model.json', import.meta.url)).size).toBeLessThan(60_000);
  });
});
