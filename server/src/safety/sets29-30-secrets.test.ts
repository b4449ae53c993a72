import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 25 (not from any evaluation set): the shapes dev29's and dev30's misses had in common. */
describe('customer secrets, sets 29 and 30', () => {
  it('reads circled digits and a code half in Chinese numerals as digits', () => {
    expect(masked('my verification code: ④①⑦③⓪⑧ sorry my keyboard does that')).toEqual(['④①⑦③⓪⑧']);
    expect(masked('验证码是 ❷❹❻❽❶❸')).toEqual(['❷❹❻❽❶❸']);
    expect(masked('验证码：7四1二09，麻烦看一下')).toEqual(['7四1二09']);
    // Chinese numerals in words stay words; a circled list number is no code.
    expect(masked('第一二三步我都做了，验证码还是没收到')).toEqual([]);
    expect(masked('① I cannot log in ② the code never arrives')).toEqual([]);
  });

  it('takes an app-lock PIN the customer set, and each "or maybe" after it', () => {
    expect(masked('the app lock wants a PIN now, I set 5821 I think, or maybe 8521')).toEqual([
      '5821',
      '8521',
    ]);
    expect(masked('应用锁我设的是 3390，现在说不对')).toEqual(['3390']);
    expect(masked('應用鎖我設嘅係 2468，點解打唔開')).toEqual(['2468']);
    // A year, an amount or a count near the lock is none.
    expect(masked('应用锁是 2024年 才有的吧，我一直没设')).toEqual([]);
    expect(masked('since the app lock came I lost 5000 usdt on a trade')).toEqual([]);
    expect(masked('my app lock is broken since 2023 and support never answered')).toEqual([]);
  });

  it('keeps an "=" inside a password, not a label\'s', () => {
    expect(masked('I changed my password from Tide=Low42 to Tide=High43 last week')).toEqual([
      'Tide=Low42',
      'Tide=High43',
    ]);
    expect(masked('password=Quarry7781 please check')).toEqual(['Quarry7781']);
  });

  it('reads a value handed over or kept without the word "password"', () => {
    expect(masked('as you asked, here it is → Barley_Field22')).toEqual(['Barley_Field22']);
    expect(masked('I wrote it on a sticky note: Lantern-Moth-8')).toEqual(['Lantern-Moth-8']);
    expect(masked('Harbour_Gull71 <- that is what I always use')).toEqual(['Harbour_Gull71']);
    // Handed over, an order number or a plain word is no password.
    expect(masked('here it is → order 88120934, the deposit still shows pending')).toEqual([]);
    expect(masked('I wrote it down on paper but lost the paper')).toEqual([]);
  });

  it('reads spaced words as the password after "spaces:" or before "with the spaces", without its name', () => {
    expect(masked('It has spaces: Copper Mine 88. The old one had none.')).toEqual(['Copper Mine 88']);
    expect(masked("she says it's Ferry Dock 21 with the spaces and it fails")).toEqual(['Ferry Dock 21']);
    // No digit, or another thing's name before the words: none.
    expect(masked("it's fine with spaces, I tried both")).toEqual([]);
    expect(masked('my username is Ana Lima 45 with spaces, is that allowed?')).toEqual([]);
  });

  it('names a code in Spanish and Greek, and a card that "ends" in digits as the card\'s', () => {
    expect(masked('el código es 640.117 po')).toEqual(['640.117']);
    expect(masked('Ο κωδικός είναι 558031')).toEqual(['558031']);
    expect(masked('For verification purposes the card ends 7713, thanks.')).toEqual([]);
  });
});
