import { describe, expect, it } from 'vitest';
import { translateQuery, typoCorrections } from './glossary.ts';
import { mainlandWording, normalise } from './text.ts';

const translated = (q: string) => {
  const qn = normalise(q);
  return translateQuery(qn).map(({ term, sureness }) => ({ text: term.text, sureness }));
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

  it('takes a character of the same reading for the one meant (pinyin input typos), not a real word', () => {
    const frozen = translated('账户冻节了');
    expect(frozen.find((t) => t.text === 'frozen')?.sureness).toBeCloseTo(0.7);
    expect(texts('撤淡')).toContain('cancel order');
    expect(texts('怎么徹单')).toContain('cancel order');
    // 如今 ("nowadays") sounds like 入金 but is a word of its own
    expect(texts('如今')).not.toContain('deposit');
    // a different character of another reading is no typo of a two-character term
    expect(texts('撤回')).not.toContain('cancel order');
  });

  it('takes 未, 没, 不 and 无 for one another in a term', () => {
    expect(texts('身份核验未通过')).toContain('rejected');
    // the other forms are still searched for when one of the group is in the query as written
    expect(texts('限价单不成交')).toEqual(expect.arrayContaining(['未成交', '没成交']));
  });

  it('keeps a term’s negation: "approved addresses" is no rejection, "not approved" is', () => {
    expect(texts('approved addresses list')).not.toContain('被拒');
    expect(texts('approved addresses list')).toContain('白名单');
    expect(texts('kyc not approved')).toContain('被拒');
  });

  it('corrects typos towards written words as well as stems, never a word of its own', () => {
    expect(typoCorrections(normalise('tradng fees'))).toContain('trade');
    expect(typoCorrections(normalise('kyc rejcted'))).toContain('reject');
    expect(typoCorrections(normalise('staking rewards'))).toEqual([]);
    expect(typoCorrections(normalise('payout taking forever'))).toEqual([]);
  });

  it('does not take a longer term’s part for another meaning ("verification code" is no KYC)', () => {
    expect(texts('verification code not received')).not.toContain('实名认证');
    expect(texts('verification rejected')).toContain('实名认证');
  });

  it('reads Taiwan’s wording in mainland words as well (網路 is 网络, 簡訊 is 短信)', () => {
    expect(mainlandWording('網路選錯了')).toBe('网络选错了');
    expect(mainlandWording('簡訊收不到')).toBe('短信收不到');
    expect(mainlandWording('充值没到账')).toBeNull();
    expect(mainlandWording('deposit')).toBeNull();
  });

  it('adds nothing to a query the table does not know', () => {
    expect(translated('hello there')).toEqual([]);
  });
});
