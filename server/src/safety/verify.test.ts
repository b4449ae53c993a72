import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

let ip = 0;
async function verify(value: string, lang = 'en') {
  // A fresh address per call: the per-address limit is tested on its own.
  ip++;
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/verify?value=${encodeURIComponent(value)}&lang=${lang}`,
    remoteAddress: `10.0.${Math.floor(ip / 250)}.${ip % 250}`,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    verdict: string;
    kind: string;
    official: { value: string } | null;
    reason: string;
    reasons: Record<string, string>;
    code?: { sentTo: string; sentAt: string; ticketNumber: string | null };
  };
}

describe('GET /verify (public)', () => {
  it.each([
    ['lumen-exchange.example', 'domain'],
    ['https://help.lumen-exchange.example/login?x=1', 'url'],
    ['support@lumen-exchange.example', 'email'],
    ['+1 (555) 0100-200', 'phone'],
    ['@LumenSupport', 'handle'],
    ['https://t.me/lumensupport', 'handle'],
  ])('says %s is official', async (value, kind) => {
    const v = await verify(value);
    expect(v).toMatchObject({ verdict: 'official', kind });
    expect(v.official).not.toBeNull();
  });

  it.each([
    ['lumеn-exchange.example', 'Cyrillic e'],
    ['xn--lumn-exchange-y3k.example', 'punycode of the same'],
    ['@ＬｕｍｅｎＳｕｐｐｏｒｔ', 'full-width handle'],
    ['1umen-exchange.example', '1 for l'],
    ['lurnen-exchange.example', 'rn for m'],
    ['lum3n-exchange.example', 'typo'],
    ['lumen-exchange.com', 'other suffix'],
    ['lumen-support.net', 'combosquatting'],
    ['support-lumen.com', 'combosquatting, prefix'],
    ['lumen.com-verify.io', 'brand in a subdomain'],
    ['https://lumen-exchange.example.secure-login.io/wallet', 'brand domain as a subdomain'],
    ['lumen.help@mail.example', 'brand in a free mailbox'],
    ['support@lumen-exchanqe.example', 'look-alike mail domain'],
    ['@Lumen_Support_Official', 'decorated handle'],
    ['@LumenSuppport', 'handle typo'],
    ['@IumenSupport', 'capital i for l'],
    ['+1 555 0100 209', 'one digit off'],
    ['+44 555 0100 200', 'other country code'],
  ])('says %s is a look-alike (%s)', async (value) => {
    const v = await verify(value);
    expect(v.verdict).toBe('lookalike');
    expect(v.reason.length).toBeGreaterThan(10);
  });

  it.each([
    'wikipedia.example',
    'someone@mail.example',
    '@random_person',
    '+86 138 0000 1111',
    'https://news.example/a',
  ])('does not know %s', async (value) => {
    expect((await verify(value)).verdict).toBe('unknown');
  });

  it('never calls official what is not written as listed: full-width forms are look-alikes', async () => {
    // Browsers fold full-width letters to ours, but a scammer's text that needs folding is not ours.
    const v = await verify('ｌｕｍｅｎ-exchange.example');
    expect(v.verdict).toBe('lookalike');
    expect(v.reasons.en).toMatch(/full-width/);
    expect((await verify('ｓｕｐｐｏｒｔ＠ｌｕｍｅｎ－ｅｘｃｈａｎｇｅ．ｅｘａｍｐｌｅ')).verdict).toBe(
      'lookalike',
    );
    expect((await verify('+１ 555 0100 200')).verdict).toBe('lookalike');
  });

  it('vouches only for listed hosts and mailboxes: other names under our domain are not ours', async () => {
    for (const value of ['status.lumen-exchange.example', 'https://claim-bonus.lumen-exchange.example/x']) {
      const v = await verify(value);
      expect(v.verdict, value).toBe('unknown');
      expect(v.reasons.en, value).toMatch(/not one of ours/);
    }
    expect((await verify('press@lumen-exchange.example')).verdict).toBe('unknown');
    for (const value of [
      'he1p.lumen-exchange.example',
      'help.help.lumen-exchange.example',
      'hеlp.lumen-exchange.example',
      'supp0rt@lumen-exchange.example',
      'support-team@lumen-exchange.example',
      'no-reply@lumen-exchange.example',
      'noreply@help.lumen-exchange.example',
      'https://lumen-exchange.example@evil.example/login',
    ])
      expect((await verify(value)).verdict, value).toBe('lookalike');
  });

  it('knows a number in every usual written form, the hotlines too; a digit off is a look-alike', async () => {
    for (const value of [
      '(+1) 555 0100 200',
      '001 555 0100 200',
      '+1.555.0100.200',
      '(1) 555-0100-200',
      '+852 3001 0001',
      '(+65) 3100 0001',
      '0044 20 0000 0001',
    ])
      expect((await verify(value)).verdict, value).toBe('official');
    for (const value of ['+1 555 0100 020', '+852 3009 0001', '0034 910 500 001'])
      expect((await verify(value)).verdict, value).toBe('lookalike');
  });

  it('knows a handle by its platform: our name on a platform where we are not is a look-alike', async () => {
    expect((await verify('https://x.com/LumenExchange')).verdict).toBe('official');
    expect((await verify('https://weibo.com/LumenExchange')).verdict).toBe('official');
    expect((await verify('https://t.me/LumenExchange')).verdict).toBe('lookalike');
    expect((await verify('LumenSupport1')).verdict).toBe('lookalike');
  });

  it('explains the answer in Chinese and English', async () => {
    const v = await verify('lumen-support.net', 'zh-CN');
    expect(v.reason).toMatch(/品牌名/);
    expect(v.reasons.en).toMatch(/brand name/);
    expect(v.reason).toContain('不要');
  });

  it('confirms a code from a mail the desk really sent, and says a made-up one is not ours', async () => {
    const made = await verify('K7Q2-99XZ');
    expect(made).toMatchObject({ verdict: 'unknown', kind: 'code' });
    const { emailVerificationCodes } = await import('../channels/email/schema.ts');
    await desk.services.db.insert(emailVerificationCodes).values({
      code: 'M4RT-7QXA',
      sentTo: 'wang.wei@mail.example',
      ticketId: null,
      rfcMessageId: '<x@kefu>',
    });
    const real = await verify('m4rt-7qxa');
    expect(real).toMatchObject({ verdict: 'official', kind: 'code' });
    // Whoever holds the code learns when and that it was sent, not the whole address.
    expect(real.code?.sentTo).toBeTruthy();
    expect(real.code?.sentTo).not.toBe('wang.wei@mail.example');
  });

  it('limits the lookups from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await desk.app.inject({
        method: 'GET',
        url: '/api/v1/verify?value=a.example',
        remoteAddress: '10.9.9.9',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[31]).toBe(429);
  });
});

describe('the official-channel registry', () => {
  it('is kept by admins and read by agents; changes show in verify at once', async () => {
    const admin = await desk.signIn('admin');
    const agent = await desk.signIn('lin');
    const added = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/safety/channels',
      headers: admin.write,
      payload: { kind: 'telegram', value: '@LumenVIPdesk', name: 'VIP desk' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().value).toBe('lumenvipdesk');
    expect((await verify('@LumenVIPdesk')).verdict).toBe('official');
    const dup = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/safety/channels',
      headers: admin.write,
      payload: { kind: 'telegram', value: 'lumenvipdesk', name: 'x' },
    });
    expect(dup.json().error.code).toBe('channel_exists');
    const byAgent = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/safety/channels',
      headers: agent.write,
      payload: { kind: 'x', value: 'abc', name: 'x' },
    });
    expect(byAgent.statusCode).toBe(403);
    const list = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/safety/channels',
      headers: agent.read,
    });
    expect(list.json().items.length).toBeGreaterThan(5);
    const renamed = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/safety/channels/${added.json().id}`,
      headers: admin.write,
      payload: { note: 'VIP only' },
    });
    expect(renamed.json().note).toBe('VIP only');
    const removed = await desk.app.inject({
      method: 'DELETE',
      url: `/api/v1/safety/channels/${added.json().id}`,
      headers: admin.write,
    });
    expect(removed.statusCode).toBe(204);
    expect((await verify('@LumenVIPdesk')).verdict).toBe('lookalike');
  });
});
