import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { makeMessageId, referencedIds, ticketNumberOfMessageId } from './message-id.ts';
import { foldQuoted, sanitiseHtml } from './parse.ts';
import { categoryCodeOfSubject, cleanSubject } from './threading.ts';
import { newVerificationCode, normaliseVerificationCode } from './verification.ts';

const SECRET = 'a-test-secret-a-test-secret-0123456789';

describe('Message-IDs with a MAC', () => {
  it('names its ticket and refuses any change', () => {
    const id = makeMessageId(SECRET, 123, 'lumen-exchange.example');
    expect(ticketNumberOfMessageId(SECRET, `<${id}>`)).toBe(123);
    expect(ticketNumberOfMessageId('another-secret-another-secret-012345', id)).toBeNull();
    expect(ticketNumberOfMessageId(SECRET, id.replace('kf.123.', 'kf.124.'))).toBeNull();
    expect(ticketNumberOfMessageId(SECRET, 'abc@lumen-exchange.example')).toBeNull();
  });

  it('reads In-Reply-To first, then References newest first', () => {
    expect(referencedIds('<c@x>', '<a@x> <b@x> <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
    expect(referencedIds(undefined, undefined)).toEqual([]);
  });
});

describe('what the customer wrote', () => {
  it('folds quoted history and signatures in English and Chinese', () => {
    expect(foldQuoted('Thanks!\n\nOn Mon, 23 Nov 2026 at 10:00, Support <s@x> wrote:\n> old').text).toBe(
      'Thanks!',
    );
    expect(foldQuoted('收到\n\n在 2026年11月23日 10:00，客服 写道：\n> 旧').text).toBe('收到');
    expect(foldQuoted('Hi\n-- \nAlice\nCEO').text).toBe('Hi');
    expect(foldQuoted('See below\n\n-----Original Message-----\nFrom: x').text).toBe('See below');
    expect(foldQuoted('你好\n\n发件人: 客服\n发送时间: 2026\n主题: 旧').text).toBe('你好');
    expect(foldQuoted('> only a quote')).toEqual({ text: '> only a quote', folded: false });
  });

  it('keeps formatting but drops scripts, handlers and remote images', () => {
    const clean = sanitiseHtml(
      '<p onclick="x()">hi <a href="javascript:alert(1)">x</a><img src="https://t.example/p.gif"><script>bad()</script></p>',
    );
    expect(clean).toBe('<p>hi <a rel="noopener noreferrer nofollow">x</a></p>');
  });
});

describe('subjects', () => {
  const map = { 账户安全: 'security', 'account security': 'security', 充提: 'deposit_withdrawal' };
  it('picks the category from a tag', () => {
    expect(categoryCodeOfSubject('【账户安全】 被盗', map)).toBe('security');
    expect(categoryCodeOfSubject('Re: [Account security] stolen', map)).toBe('security');
    expect(categoryCodeOfSubject('[KF-000123] hello', map)).toBeNull();
  });
  it('makes a title without prefixes and tags', () => {
    expect(cleanSubject('Re: 回复：【KF-000123】【充提】 提现未到账')).toBe('提现未到账');
  });
});

describe('verification codes', () => {
  it('are typed forgivingly and never contain look-alike characters', () => {
    const code = newVerificationCode();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(normaliseVerificationCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(normaliseVerificationCode('0000-1111')).toBeNull();
  });
});

describe('email settings', () => {
  const base = { DATA_DIR: '/tmp/kefu-cfg', APP_SECRET: SECRET, CUSTOMER_JWT_SECRET: SECRET };
  it('is off without mailboxes and says what is missing', () => {
    expect(loadConfig(base).email).toBeNull();
    expect(() => loadConfig({ ...base, SMTP_PORT: '2525' })).toThrow(/EMAIL_MAILBOXES/);
  });
  it('validates each setting with a clear error', () => {
    const on = { ...base, EMAIL_MAILBOXES: 'support@lumen-exchange.example=security' };
    expect(loadConfig(on).email).toMatchObject({
      mailboxes: [{ address: 'support@lumen-exchange.example', categoryCode: 'security' }],
      smtpPort: null,
    });
    expect(() => loadConfig({ ...base, EMAIL_MAILBOXES: 'not-an-address' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...on, SMTP_PORT: 'abc' })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ ...on, EMAIL_RELAY_URL: 'http://relay' })).toThrow(/EMAIL_RELAY_URL/);
    expect(() => loadConfig({ ...on, SMTP_TLS_KEY_FILE: '/nonexistent' })).toThrow(/SMTP_TLS_KEY_FILE/);
    expect(() => loadConfig({ ...on, EMAIL_SUBJECT_TAGS: 'no-equals' })).toThrow(/EMAIL_SUBJECT_TAGS/);
  });
});

describe('authenticity without DNS', () => {
  it('answers unverified, not an error, when every lookup fails', async () => {
    const { checkAuthenticity } = await import('./authenticity.ts');
    const raw = Buffer.from(
      'From: a@nowhere.example\r\nTo: support@lumen-exchange.example\r\nSubject: x\r\n\r\nbody\r\n',
    );
    const failing = async () => {
      throw Object.assign(new Error('timeout'), { code: 'ETIMEOUT' });
    };
    const verdict = await checkAuthenticity(
      raw,
      { mailFrom: 'a@nowhere.example', remoteAddress: '192.0.2.7', helo: 'x' },
      { mta: 'mx', resolver: failing },
    );
    expect(verdict.verified).toBe(false);
    expect(verdict.summary).toMatch(/dmarc=/);
  });
});
