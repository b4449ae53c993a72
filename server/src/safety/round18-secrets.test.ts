import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 18 (not from any evaluation set): the shapes dev20's misses had in common. */
describe('customer secrets, round 18', () => {
  it('reads "password" misspelt as the word, and only that', () => {
    expect(masked("my passwerd is 'Kayak!2290' and it fails")).toEqual(['Kayak!2290']);
    expect(masked('pasword: Lemon#Tree7')).toEqual(['Lemon#Tree7']);
    expect(masked('the passwrod is Orbit-5512 i think')).toEqual(['Orbit-5512']);
    expect(masked('I passed KYC: Orbit-5512 is my order')).toEqual([]);
    expect(masked('my passport is E-1234567, is that fine for KYC?')).toEqual([]);
  });

  it('reads a password said in words up to its last number or sign, not a length or an age', () => {
    expect(masked('my password is green river forty two hashtag and it is refused')).toEqual([
      'green river forty two hashtag',
    ]);
    expect(masked('password is sandy beach nineteen ninety and five, please help')).toEqual([
      'sandy beach nineteen ninety and five',
    ]);
    expect(masked('my pin is six nines and it says wrong')).toEqual(['six nines']);
    expect(masked('my password is twelve characters long and has a capital')).toEqual([]);
    expect(masked('my password is like ten years old honestly')).toEqual([]);
    expect(masked('my password was changed two days ago by someone')).toEqual([]);
    expect(masked('my password is one of those long ones')).toEqual([]);
    expect(masked('my pin is four digits right')).toEqual([]);
  });

  it('reads a digit said with how many times it repeats, unless the customer rules it out', () => {
    expect(masked('我的交易密码是五个三，一直说不对')).toEqual(['五个三']);
    expect(masked('我以为交易密码是五个三，结果不是')).toEqual([]);
    expect(masked('密码是6个月前改的')).toEqual([]);
  });

  it('reads a password spelled with dashes, and Chinese dictation with a count said aside', () => {
    expect(masked("I'll spell my password: m-a-p-l-e-4-4, all lower case")).toEqual(['m-a-p-l-e-4-4']);
    expect(masked('密码是大写的Q小写的xy两个字母然后是五五星号')).toEqual([
      '大写的Q小写的xy两个字母然后是五五星号',
    ]);
    expect(masked('我密碼係 Z-e-n-9 ，一個一個字打嘅')).toEqual(['Z-e-n-9']);
  });

  it('reads a password given in two parts, but not a count or a day', () => {
    expect(masked('密码前面是 Moon ，后面是 river_88 ，连起来')).toEqual(['Moon', 'river_88']);
    expect(masked('my password is Falcon and then 21! at the end')).toEqual(['Falcon', '21!']);
    expect(masked('I typed my password and then Tuesday it locked')).toEqual([]);
    expect(masked('密码输错了，最后10分钟再试')).toEqual([]);
  });

  it('reads Chinese glued to digits as the password when the customer says it has Chinese', () => {
    expect(masked('我的密码有中文，是 白云山888 ，是不是不支持')).toEqual(['白云山888']);
    expect(masked('密码系统升级了吗？我的有中文字')).toEqual([]);
  });

  it('reads a sender prefix before six digits as the code, not before an error number', () => {
    expect(masked('the text says "G-551203 is your verification code", do I type the G?')).toEqual([
      '551203',
    ]);
    expect(masked('The error says code E-4031 when I withdraw')).toEqual([]);
    expect(masked('my order A-662419 is still pending')).toEqual([]);
  });

  it('reads a corrected or changed password, and not a corrected word', () => {
    expect(masked('The pw is Falcon_7 sorry no, Falcon_VII. I type fast.')).toEqual([
      'Falcon_7',
      'Falcon_VII',
    ]);
    expect(masked('Changed from Reef-Blue-1 to Reef-Blue-2 yesterday, neither works now.')).toEqual([
      'Reef-Blue-1',
      'Reef-Blue-2',
    ]);
    expect(masked('密码是 qaz123 不对，是 qaz1234')).toEqual(['qaz123', 'qaz1234']);
    expect(masked('switched from MetaMask to iPhone wallet last week')).toEqual([]);
    expect(masked('my password is wrong, sorry no idea why')).toEqual([]);
  });

  it('reads a password manager entry in backticks, "pass word" and "password which is"', () => {
    expect(masked('Bitwarden entry says: `Gr4nite!Owl`, pasting exactly that')).toEqual(['Gr4nite!Owl']);
    expect(masked('my pass word is Kestrel_99 not working')).toEqual(['Kestrel_99']);
    expect(masked('I typed my password which is cold brew 7 forever, and it said no')).toEqual([
      'cold brew 7 forever',
    ]);
  });

  it('reads spaced digits split by a comma, a quoted SMS and "gave me a 4 digit number", not lists', () => {
    expect(masked('Code came through: 3 8 1, 2 0 7. Typed it.')).toEqual(['3 8 1, 2 0 7']);
    expect(masked('"508113 is your login code." <- that is what I got')).toEqual(['508113']);
    expect(masked('The text gave me a 4 digit number, 5521, is that the code?')).toEqual(['5521']);
    expect(masked('the fee was 1,500 and the code 20 failed')).toEqual([]);
    expect(masked('I got 25, 30 and 40 USDT, code does not work')).toEqual([]);
  });

  it('reads a checksum-valid run of common Chinese characters as a sentence unless announced', () => {
    expect(masked('邀请码 TJ8866 我朋友填了没算上您给查查')).toEqual([]);
    expect(masked('我的助记词是：我朋友填了没算上您给查查')).toEqual(['我朋友填了没算上您给查查']);
  });

  it('never reads "pw" inside an address as a password name', () => {
    expect(masked('I sent it to TKb3pW9xLmR4qW7sYd9jHc3uE6bNfA5gZt, is that right?')).toEqual([]);
  });
});
