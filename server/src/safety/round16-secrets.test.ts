import { describe, expect, it } from 'vitest';
import { masked } from './secret-verdicts.testing.ts';

/** Written in round 16 (not from any evaluation set): customers' messages the dev16 misses pointed to. */
describe('customer secrets, round 16', () => {
  const hex = 'a3f1c09be8d24e6f7a1b5c3d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d2e4f';
  it('reads a key labelled before a colon, however long the aside in the label', () => {
    expect(
      masked(`Wallet private key (exported from the desktop app, the raw one without 0x): ${hex}`),
    ).toEqual([hex]);
    expect(masked(`导出的私钥（手机钱包里复制的，没有加0x）：\n${hex}`)).toEqual([hex]);
    // A hash labelled as one stays visible, colon or not.
    expect(masked(`Transaction hash (from the explorer, withdrawal of yesterday): ${hex}`)).toEqual([]);
  });

  it('leaves a Solana transaction signature in an explorer link or after "tx" alone', () => {
    const sig = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';
    expect(masked(`Here is the transfer: https://explorer.example/tx/${sig} still pending`)).toEqual([]);
    expect(masked(`tx signature ${sig}`)).toEqual([]);
  });

  it("reads India's postal PIN code of an address as a postcode, not a PIN", () => {
    expect(masked('My delivery address is 14 Park Street, Kolkata, PIN code 700016.')).toEqual([]);
    expect(masked('pincode is 560001 (Mysuru) for the KYC address form')).toEqual([]);
    expect(masked('My card PIN is 4821 and the login PIN is 774411')).toEqual(['4821', '774411']);
  });

  it('leaves a part of another number alone ("号码后六位")', () => {
    expect(masked('身份证号码后六位 204518 需要填在哪里？')).toEqual([]);
    expect(masked('收到的验证码后六位是 204518')).not.toEqual([]);
  });

  it('reads codes typed in full-width digits or split by commas and dashes', () => {
    expect(masked('验证码是 ４８２９１３，怎么提示格式错误')).toEqual(['４８２９１３']);
    expect(masked('My daughter read the SMS code to me: 5, 0, 7, 2, 9, 4')).toEqual(['5, 0, 7, 2, 9, 4']);
    expect(masked('the verification code is 7 3 1 – 0 6 8 but it failed')).toEqual(['7 3 1 – 0 6 8']);
    // An 8-digit code followed by ", 8 digits" is still the code; an amount with a comma is no code.
    expect(masked('Confirmation code was 51739206, 8 digits, rejected')).toEqual(['51739206']);
    expect(masked('I deposited 1,250 USDT this morning')).toEqual([]);
  });

  it('reads a password with spaces up to a remark after it, and one a later sentence says "it" was', () => {
    expect(masked('密码是 green tea 88（中间有空格）可以吗')).toEqual(['green tea 88']);
    expect(
      masked(
        'I reset my password on Monday and now it fails. I typed it carefully. It was Kettle#Moon42. Help?',
      ),
    ).toEqual(['Kettle#Moon42']);
  });

  it('reads a password after a label with an aside, "for withdrawals", with a Chinese character inside, and what "it\'s" after one', () => {
    expect(masked('Login password (mind the capitals): SunFlowerBED')).toEqual(['SunFlowerBED']);
    expect(masked('PIN for withdrawals: 7 2 9 4 and it still fails')).toEqual(['7 2 9 4']);
    expect(masked('my password is Li李1988 and it is not accepted')).toEqual(['Li李1988']);
    expect(
      masked("Trading password... I thought it was my birthday but no, it's 804417, and it fails"),
    ).toEqual(['804417']);
    // Not a password: an amount, a word.
    expect(masked('I changed my password and topped up, it was 500 USDT in total')).toEqual([]);
    expect(masked('My password stopped working, it was fine last week')).toEqual([]);
  });
});
