import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 19 (not from any evaluation set): the shapes dev22's misses had in common. */
describe('customer secrets, round 19', () => {
  it('keeps up to four Chinese characters closed by the value on both sides, never the sentence after', () => {
    expect(masked('密码是 Qing龙井茶77 一直不对')).toEqual(['Qing龙井茶77']);
    expect(masked('我的密码是 ab熊猫2020，登不上')).toEqual(['ab熊猫2020']);
    expect(masked('密码是 Abc12345不对吗')).toEqual(['Abc12345']);
    expect(masked('密码是 abc我试了好几次12')).toEqual([]);
  });

  it('reads halves named 前半截 / 上半 / 后半截 as the two parts of a password', () => {
    expect(masked('密码上半截是 Lushan\n下半截是 #0815，合起来输的')).toEqual(['Lushan', '#0815']);
    expect(masked('密码前半截我忘了，后半截是什么来着')).toEqual([]);
  });

  it('reads a password typed over lines, when the customer says so, line by line', () => {
    expect(masked('密码太长我分两行发\nGuilin\n_River88\n这样对吗')).toEqual(['Guilin', '_River88']);
    expect(masked("my password is long so it's on two lines:\nMaple\nLeaf#2004")).toEqual([
      'Maple',
      'Leaf#2004',
    ]);
    // Without the lines said, a single word on a line is not taken as a part.
    expect(masked('密码不对\nGuilin\n怎么办')).toEqual([]);
  });

  it('reads Chinese dictation with 数字 before a spaced digit, and Chinese numerals in a spaced password', () => {
    expect(masked('密码是 大写 K 小写 p 数字 7 7 井号 小写 z')).toEqual([
      '大写 K 小写 p 数字 7 7 井号 小写 z',
    ]);
    expect(masked('密碼係 sea view 二零零八 中間有空格')).toEqual(['sea view 二零零八']);
    expect(masked('密码有空格，问一下空格算不算字符')).toEqual([]);
  });

  it('takes "lets me in" as talk about signing in, for a tried value', () => {
    expect(masked("I've tried 'Pecan88pie' and it never lets me in")).toEqual(['Pecan88pie']);
  });

  it('masks other spellings of a found password listed beside it, not a username of another shape', () => {
    expect(masked('my password is Harbour#42 or maybe harbour#42, autocorrect again')).toEqual([
      'Harbour#42',
      'harbour#42',
    ]);
    expect(masked('my username is Harbour and the password is Harbour#42')).toEqual(['Harbour#42']);
  });

  it('reads a quoted value a few words after 密码是, not the description around it', () => {
    expect(masked('我的密码是我猫的名字『咪咪』，最近登不上')).toEqual(['咪咪']);
  });

  it('reads a code that came in pieces on separate lines, and only with labels of messages before them', () => {
    expect(masked('got the verification code in 2 sms?\nsms 1: 408\nsms 2: 517')).toEqual(['408', '517']);
    expect(masked('my code never came\norder 12\nitem 34')).toEqual([]);
  });

  it('reads a code said in groups of number words, not a time told in words', () => {
    expect(masked('the call said the code is fifty-one, twenty, ninety-three')).toEqual([
      'fifty-one, twenty, ninety-three',
    ]);
    expect(masked('I waited twenty five minutes for the code, then forty more')).toEqual([]);
  });

  it("reads a screen reader's spelling with full stops, and a colon far from the password's name", () => {
    expect(masked('password. capital. m. a. p. l. e. number. four. end.')).toEqual([
      'm. a. p. l. e. number. four',
    ]);
    expect(
      masked('The password, which I wrote inside my old address book, reads: Juniper 1958 (with a space).'),
    ).toEqual(['Juniper 1958']);
  });

  it("leaves a password's hint, the last digits of a card, and an article before a spoken case", () => {
    expect(masked("my password hint is 'blue canoe', can you tell me the password?")).toEqual([]);
    expect(masked('信用卡末四碼 4417 被扣了兩次款')).toEqual([]);
    expect(masked('The password is Girder-Truss-1961, with a capital G and a capital T.')).toEqual([
      'Girder-Truss-1961',
    ]);
  });

  it('reads a PIN said as "mine is" or "it\'s" after the PIN is named, not a year', () => {
    expect(masked('The card asks for a PIN at every ATM. Mine is 4471, same as always.')).toEqual(['4471']);
    expect(masked('I changed my PIN last spring. It was 2023 I think, maybe earlier.')).toEqual([]);
  });
});
