import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 31 (not from any evaluation set): shapes from sets 37–40's dev halves, in new words. */
describe('customer secrets, round 31', () => {
  it("takes a bank's OTP as a code, but not a bank code", () => {
    expect(masked('Paid from my card and the bank OTP for the payment was 551902, then nothing')).toEqual([
      '551902',
    ]);
    expect(masked('The bank code for the transfer was 402911 on the slip')).toEqual([]);
  });

  it('reads a zero pair said as two words', () => {
    expect(masked('the code over the phone: thirty-two, oh-four, seventy-one')).toEqual([
      'thirty-two, oh-four, seventy-one',
    ]);
  });

  it('finds a code again in the other digits, either way round', () => {
    expect(masked('音箱读的验证码是“三零七二九一”，我输了307291还是不行')).toEqual([
      '三零七二九一',
      '307291',
    ]);
    expect(masked('验证码 584103，我妈念成五八四一零三')).toEqual(['584103', '五八四一零三']);
    // A different number in digits is not the code.
    expect(masked('验证码是“三零七二九一”，订单金额 307 元')).toEqual(['三零七二九一']);
  });

  it('reads pairs joined by bare commas and digits mixed with Chinese numerals after a code name', () => {
    expect(masked('校验码：61,09,33 分开写的')).toEqual(['61,09,33']);
    expect(masked('动态码是 7四0九2一 我照着输的')).toEqual(['7四0九2一']);
    expect(masked('the verification code was 12,500 I think')).toEqual([]);
  });

  it('takes both spellings when caps lock changed one', () => {
    expect(masked('caps lock was on so it went in as HOLLOW_PINE9 instead of hollow_pine9')).toEqual([
      'HOLLOW_PINE9',
      'hollow_pine9',
    ]);
    // No caps lock named, or the same spelling twice: nothing.
    expect(masked('The tracking labels say PARCEL_77A and parcel_77a, odd')).toEqual([]);
  });

  it('takes either/or spellings when neither went through', () => {
    expect(masked('not sure if it ends 7 or 1: Lanternfish7 or Lanternfish1. Neither goes through.')).toEqual(
      ['Lanternfish7', 'Lanternfish1'],
    );
  });

  it('takes the password column of a pasted export, and no other column', () => {
    expect(masked('site\tlogin\tpassword\nexchange\tmira.k\tOchre#Tide51\nforum\tmira.k\t********')).toEqual([
      'Ochre#Tide51',
    ]);
    expect(masked('name,url,username\nexchange,x.example,mira.k')).toEqual([]);
  });

  it("reads a password's name in the customer's other language", () => {
    expect(masked('Mein Passwort is Bergsee_2207, it worked yesterday')).toEqual(['Bergsee_2207']);
  });

  it('takes a password told by what it is made of, given in brackets', () => {
    expect(masked("It's my grandmother's village plus the year she was born (Kilbride1931).")).toEqual([
      'Kilbride1931',
    ]);
    expect(masked('密码就是我们小区名字加门牌号（Huayuan88）')).toEqual(['Huayuan88']);
    // A bracketed id after a description of something else is no password.
    expect(masked('The name of the event and the date are on the ticket (EVT2024).')).toEqual([]);
  });

  it('does not take a quoted reason for a password or a number named by its noun', () => {
    expect(masked('a caller wanted my password "for security reasons only", I hung up')).toEqual([]);
    expect(masked('Our stall is number 204417 at the market, if you need it')).toEqual([]);
  });
});
