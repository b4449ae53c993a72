import { describe, expect, it } from 'vitest';
import { splitText } from './outbound.ts';
import { isPrivateAddress } from './safe-http.ts';
import { safetySecretDetector, screenPublicMessage } from './screening.ts';
import { sensitiveTopics } from './sensitive-topics.ts';
import { sign, verifySignature } from './webhook/signature.ts';

describe('sensitive topics (zh/en)', () => {
  it.each([
    ['我的提现三天了还没到账', ['funds']],
    ['账号被冻结了怎么办', ['account']],
    ['我的合约订单被强平了', ['order']],
    ['实名认证一直不通过', ['identity']],
    ['My withdrawal is missing', ['funds']],
    ['I cannot log in to my account', ['account']],
    ['KYC keeps failing with my passport', ['identity']],
    ['why was my order liquidated', ['order']],
  ])('%s → %j', (text, topics) => {
    expect(sensitiveTopics(text)).toEqual(topics);
  });
  it.each(['什么时候上新币？', 'When is the next AMA?', 'app 打不开了', 'Is the website down?'])(
    'general: %s',
    (text) => expect(sensitiveTopics(text)).toEqual([]),
  );
});

describe('secret screening', () => {
  it('masks recovery phrases, private keys and labelled codes', () => {
    const seed = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    const key = 'a'.repeat(64);
    const out = screenPublicMessage(safetySecretDetector, `助记词 ${seed} and 私钥 0x${key}, 验证码：884213`);
    expect(out.secrets.map((s) => s.kind)).toEqual(['mnemonic', 'private_key', 'verification_code']);
    expect(out.text).not.toContain('sausage');
    expect(out.text).not.toContain(key);
    expect(out.text).not.toContain('884213');
    expect(out.text.startsWith('助记词 [已隐藏 hidden: mnemonic]')).toBe(true);
  });
  it('leaves ordinary text alone', () => {
    const text = 'I sent 100 USDT yesterday and it has not arrived, what should I do now please';
    expect(screenPublicMessage(safetySecretDetector, text)).toEqual({ text, secrets: [] });
    // What a customer must send is never taken for a secret: a transaction hash.
    const txid = `txid 0x${'b'.repeat(64)} not credited`;
    expect(screenPublicMessage(safetySecretDetector, txid)).toEqual({ text: txid, secrets: [] });
  });
});

describe('private addresses (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::7f00:1',
    '::ffff:0:7f00:1',
    '2002:7f00:1::',
    '64:ff9b::a9fe:a9fe',
    'not-an-ip',
  ])('refuses %s', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe('reply splitting', () => {
  it('keeps short text whole and cuts long text at line breaks, counting characters', () => {
    expect(splitText('短回复', 10)).toEqual(['短回复']);
    const parts = splitText('第一段内容很长\n第二段内容也很长\n第三段', 11);
    expect(parts).toEqual(['第一段内容很长', '第二段内容也很长', '第三段']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('webhook signature', () => {
  const secret = 'whsec_test_secret_test_secret_1234';
  const now = new Date('2026-11-24T12:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);
  const body = Buffer.from('{"id":"1"}');
  const headers = (t: number, s: string) => ({ 'x-kefu-timestamp': String(t), 'x-kefu-signature': s });
  it('accepts the right signature, also among rotated ones', () => {
    expect(verifySignature(secret, headers(ts, `v1=${sign(secret, ts, body)}`), body, now)).toEqual({
      ok: true,
    });
    expect(
      verifySignature(secret, headers(ts, `v1=${'1'.repeat(64)},v1=${sign(secret, ts, body)}`), body, now).ok,
    ).toBe(true);
  });
  it('refuses a changed body, an old or future timestamp', () => {
    expect(
      verifySignature(secret, headers(ts, `v1=${sign(secret, ts, body)}`), Buffer.from('{"id":"2"}'), now).ok,
    ).toBe(false);
    expect(
      verifySignature(secret, headers(ts - 301, `v1=${sign(secret, ts - 301, body)}`), body, now).ok,
    ).toBe(false);
    expect(
      verifySignature(secret, headers(ts + 301, `v1=${sign(secret, ts + 301, body)}`), body, now).ok,
    ).toBe(false);
  });
});
