import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 24 (not from any evaluation set): the shapes dev27's and dev28's misses had in common. */
describe('customer secrets, sets 27 and 28', () => {
  it("reads Cantonese 係 (系 once simplified) after another number's name as that number's", () => {
    expect(masked('我屋企電話號碼係 2386 7719，驗證碼收唔到')).toEqual([]);
    expect(masked('張信用卡號碼尾六位係 551203，可唔可以查下')).toEqual([]);
    // 係 after a code's own name still gives the code.
    expect(masked('驗證碼係 551203，但係話過期')).toEqual(['551203']);
  });

  it('reads a bare "number" as no noun, and a place with its own number as a place', () => {
    expect(masked('sms came in Thai letters but number is 804 117, please check')).toEqual(['804 117']);
    expect(masked('My staff number at Block 7 is 310265, does that go in the verification form?')).toEqual(
      [],
    );
  });

  it('takes a currency name after a number as an amount', () => {
    expect(masked('I sent 150000 naira and the verification code never came')).toEqual([]);
    expect(masked('the app shows 480000 rupiah pending, the OTP page keeps loading')).toEqual([]);
    // "won't" is no currency.
    expect(masked("Code 602118 won't go through")).toEqual(['602118']);
  });

  it('reads 登陆 and "cannot log in" in Chinese as sign-in words near a password', () => {
    expect(masked('登陆不了，我输的是 Huangshan_Pine77')).toEqual(['Huangshan_Pine77']);
    expect(masked('我把密码改成 Tulou#Yongding8 之后就登不上了')).toEqual(['Tulou#Yongding8']);
    expect(masked('you told me to reset, so I reset to Kettle_Drum52 and it still fails')).toEqual([
      'Kettle_Drum52',
    ]);
    // A word changed into another word is no password.
    expect(masked('我把昵称改成 小王 之后就登不上了')).toEqual([]);
  });

  it('masks a code again where the message repeats it after a sender prefix', () => {
    expect(masked('短信写的是 BX-730264，验证码那栏我输 730264 对吗')).toEqual(['730264', '730264']);
    expect(masked('my code is 730264 and the SMS header says AB-730264')).toEqual(['730264', '730264']);
    // Inside a longer number it is another number.
    expect(masked('my code is 730264 and my account is 97302641')).toEqual(['730264']);
  });
});
