import { describe, expect, it } from 'vitest';
import { scanText } from './scan.ts';

/** Written in round 16 (not from any evaluation set): customers' messages the dev16 misses pointed to. */
const masked = (text: string) =>
  scanText(text, { from: 'customer' }).findings.map((f) => text.slice(f.start, f.end));

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
});
