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

  it('joins only to complete a phrase the new message starts, and masks only its words', () => {
    // An innocent message that ends in a list word, then a whole phrase: the earlier one stays.
    const whole = mnemonic(rng, 12).join(' ');
    const after = scanText(whole, { from: 'customer', previous: 'Thanks, I will wait for the deposit' });
    expect(after.masked).toBe('[mnemonic hidden]');
    expect(after.previousFindings).toEqual([]);
    // A new message that does not start with a list word is never joined.
    const w = mnemonic(rng, 12);
    const tail = scanText(`ok and ${w.slice(6).join(' ')}`, {
      from: 'customer',
      previous: w.slice(0, 6).join(' '),
    });
    expect(tail.previousFindings).toEqual([]);
    // The earlier half: its words are masked, not the words introducing them.
    const previous = `my words: ${w.slice(0, 6).join(' ')}`;
    const split = scanText(w.slice(6).join(' '), { from: 'customer', previous });
    expect(split.previousFindings).toEqual([{ kind: 'mnemonic', start: 10, end: previous.length }]);
  });

  it('masks every secret of a message, in any of the three written forms', () => {
    const masked = scanText('password is qJbQXxSB#m and the code I got is 6 1 0 7 6 2, please stop it', {
      from: 'customer',
    }).masked;
    expect(masked).toBe(
      'password is [password hidden] and the code I got is [verification_code hidden], please stop it',
    );
    expect(scanText('收到的驗證碼是7.3.5.9.8.9', { from: 'customer' }).masked).toBe(
      '收到的驗證碼是[verification_code hidden]',
    );
    expect(scanText('我嘅密碼係「sunny moon 21?」', { from: 'customer' }).masked).toBe(
      '我嘅密碼係「[password hidden]」',
    );
  });

  it('blocks an ask in any wording, also one quoting phrase-like words, and lets advice through', () => {
    const asks = [
      'We just sent a code to your email. Please tell me what it is.',
      '請提供您的助記詞以便核實',
      'Example format: ahead snow better real stove gasp tiger current hair common genius office — now send yours the same way.',
      '你把個驗證碼話俾我聽',
    ];
    for (const a of asks)
      expect(
        scanText(a, { from: 'agent' }).findings.map((f) => f.kind),
        a,
      ).toContain('secret_request');
    const advice = [
      '请不要在对话里发送资金密码。',
      'If someone asks you for a 2FA code, stop and report it.',
      '不需要提供验证码，请提供您的UID即可。',
    ];
    for (const a of advice) expect(scanText(a, { from: 'agent' }).findings, a).toEqual([]);
  });

  it('reads the grammar of an ask, not its words: shorthand, indirect forms, third parties, past reports', () => {
    const blocked = (t: string) =>
      scanText(t, { from: 'agent' }).findings.some((f) => f.kind === 'secret_request');
    // Asks: chat shorthand, a polite frame, the secret carried by a page, a code named by how it
    // came, Cantonese questions, typing it for the agent to act with.
    for (const a of [
      'whats the pin u set? need it quick',
      'Would you mind letting me know the code from the text?',
      'Could you screenshot the screen that shows your recovery words?',
      'A picture of your backup sheet would be great.',
      '系统发给您的那串数字，您在这里打一下。',
      '你部手機收到嘅密碼係乜嘢？',
      '請輸入您的交易密碼，我這邊幫您處理。',
      'Could you copy the key from your wallet export and send it my way?',
      'Can you paste what is in the verification email?',
    ])
      expect(blocked(a), a).toBe(true);
    // Not asks: a listed negation, a third party's request, the customer's past act, a shape that
    // belongs to another object, typing in the customer's own app, the agent's own confirming.
    for (const a of [
      '客服不会通过短信、电话或邮件让您提供私钥。',
      'If a stranger on Telegram wants your seed phrase, block them.',
      '您刚才发的验证码已过期，请重新获取。',
      '请提供订单号，就是那串十二位数字。',
      'Enter your password on the login page and I will check the logs on my side.',
      'Please enter the new password twice and I will confirm the reset went through.',
      'Please do not reply with your password; I only need your UID.',
      "Sharing your password with us isn't necessary, please keep it secret.",
      'Avoid sending your login password in messages.',
      '没有必要把助记词发给客服。',
      '密碼請自己保管好，唔好話俾人知。',
    ])
      expect(blocked(a), a).toBe(false);
  });

  it('hides only the value of a password or a code', () => {
    expect(scanText('登录密码是Abc12345!，谢谢', { from: 'customer' }).masked).toBe(
      '登录密码是[password hidden]，谢谢',
    );
    expect(scanText('2FA code is 384912', { from: 'customer' }).masked).toBe(
      '2FA code is [verification_code hidden]',
    );
  });

  it('takes one digit set off from a long run for a counter, unless a code is named next to it', () => {
    for (const text of ['message 0-10000', 'message 3-45678', 'step 2 12345 done'])
      expect(scanText(text, { from: 'customer' }).findings, text).toEqual([]);
    expect(scanText('my code is 1-23456', { from: 'customer' }).masked).toBe(
      'my code is [verification_code hidden]',
    );
    expect(scanText('验证码是 123-456', { from: 'customer' }).masked).toBe(
      '验证码是 [verification_code hidden]',
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
