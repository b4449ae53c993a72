import { describe, expect, it } from 'vitest';
import { translateQuery } from './glossary.ts';
import { normalise, tokenize } from './text.ts';

const translated = (q: string) => {
  const qn = normalise(q);
  return translateQuery(qn, tokenize(qn).words).map(({ term, sureness }) => ({ text: term.text, sureness }));
};
const texts = (q: string) => translated(q).map((t) => t.text);

describe('the query translation table', () => {
  it('brings the other language’s words to a query in either language', () => {
    expect(texts('充值没到账')).toEqual(expect.arrayContaining(['deposit', 'credited']));
    expect(texts('account frozen')).toEqual(expect.arrayContaining(['冻结', '账户']));
    expect(texts('怎么找真人')).toContain('human agent');
  });

  it('finds the table’s words through typos, less surely than when spelt right', () => {
    const misspelt = translated('withdrawl pending');
    expect(misspelt.find((t) => t.text === '提现')?.sureness).toBeCloseTo(0.7);
    expect(translated('withdrawal pending').find((t) => t.text === '提现')?.sureness).toBe(1);
    expect(texts('验正码收不到')).toContain('verification code');
  });

  it('does not take a different three-character word for a typo (only the middle one may be wrong)', () => {
    expect(texts('充值不到账')).not.toContain('never comes');
  });

  it('adds nothing to a query the table does not know', () => {
    expect(translated('hello there')).toEqual([]);
  });
});
