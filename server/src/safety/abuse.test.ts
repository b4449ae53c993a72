import { describe, expect, it } from 'vitest';
import { detectAbuse } from './abuse.ts';

const flagged = (t: string) => detectAbuse(t).length > 0;

describe('abusive language', () => {
  it.each([
    '你们这群傻逼',
    '傻 逼 客服',
    '煞笔平台',
    '草泥马的还不到账',
    'shabi kefu',
    'cao ni ma',
    'nmsl',
    'you f u c k i n g idiots',
    'this is bullsh1t',
    'f*ck this exchange',
    'fuuuuck',
    'go to hell',
  ])('flags %s', (t) => expect(flagged(t)).toBe(true));

  it.each([
    '提现还没到账，请尽快处理',
    'I am very upset, this is the third time I ask',
    'Please assess the issue, I sent 5 BTC',
    'Shell company? No, I am an individual user',
    'the scunthorpe of it: class, assistant, grape',
    '妈妈的账户也有问题',
    'I sent USDT via TRC20, bitcoin via the BTC network',
  ])('leaves %s alone', (t) => expect(flagged(t)).toBe(false));

  it('points at the insult', () => {
    const text = 'ok 傻 逼';
    const [f] = detectAbuse(text);
    expect(text.slice(f!.start, f!.end)).toBe('傻 逼');
  });
});
