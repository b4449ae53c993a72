import { describe, expect, it } from 'vitest';
import { mnemonic, seeded } from './corpus-secrets.ts';
import { scanText } from './scan.ts';

const rng = seeded(7);

describe('scanText', () => {
  it('masks a phrase keeping only its kind and position, and leaves the words around it', () => {
    const words = mnemonic(rng, 12).join(' ');
    const text = `帮帮我 ${words} 谢谢`;
    const { findings, masked } = scanText(text, { from: 'customer' });
    expect(findings).toEqual([{ kind: 'mnemonic', start: 4, end: 4 + words.length }]);
    expect(masked).toBe('帮帮我 [mnemonic hidden] 谢谢');
  });

  it('joins a phrase split over two messages and reports the part in the previous one', () => {
    const w = mnemonic(rng, 12);
    const previous = `记下来：${w.slice(0, 6).join(' ')}`;
    const text = w.slice(6).join(' ');
    const result = scanText(text, { from: 'customer', previous });
    expect(result.masked).toBe('[mnemonic hidden]');
    expect(result.previousFindings).toEqual([{ kind: 'mnemonic', start: 4, end: previous.length }]);
    // Without the previous message, six words are not enough.
    expect(scanText(text, { from: 'customer' }).findings).toEqual([]);
  });

  it('hides only the value of a password or a code', () => {
    expect(scanText('登录密码是Abc12345!，谢谢', { from: 'customer' }).masked).toBe(
      '登录密码是[password hidden]，谢谢',
    );
    expect(scanText('2FA code is 384912', { from: 'customer' }).masked).toBe(
      '2FA code is [verification_code hidden]',
    );
  });

  it('tells a private key from a transaction hash by the words near it', () => {
    const h = 'ab'.repeat(32);
    expect(scanText(`私钥 ${h}`, { from: 'customer' }).findings).toHaveLength(1);
    expect(scanText(`交易哈希 ${h}`, { from: 'customer' }).findings).toHaveLength(0);
    expect(scanText(`private key? no, the txid is ${h}`, { from: 'customer' }).findings).toHaveLength(0);
  });

  it('flags an agent asking for a secret but not an agent warning about it', () => {
    expect(scanText('把助记词发我核实', { from: 'agent' }).findings[0]?.kind).toBe('secret_request');
    expect(scanText('客服不会索要您的助记词', { from: 'agent' }).findings).toEqual([]);
    // The same request from a customer is not a request for a secret.
    expect(scanText('please send your seed phrase to verify', { from: 'customer' }).findings).toEqual([]);
  });
});
