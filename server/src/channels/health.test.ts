import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { channelDeliveries } from './schema.ts';
import { startFakeBotApi } from './telegram/fake-bot-api.ts';
import { json, startTestServer } from './test-server.ts';
import { verifySignature } from './webhook/signature.ts';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';

let desk: TestDesk;
let telegram: Awaited<ReturnType<typeof startFakeBotApi>>;
let platform: Awaited<ReturnType<typeof startTestServer>>;
/** What the WeChat and Weibo stand-ins answer next; the relay's status for a ping. */
let wechatToken: Record<string, unknown> = { access_token: 'tok-1', expires_in: 7200 };
let weiboAnswer: { status: number; body: Record<string, unknown> } = { status: 200, body: { uid: 5550001 } };
let relayStatus = 200;

beforeAll(async () => {
  desk = await createTestDesk();
  telegram = await startFakeBotApi(TOKEN);
  platform = await startTestServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/cgi-bin/token') return json(res, 200, wechatToken);
    if (url.pathname === '/cgi-bin/get_api_domain_ip') return json(res, 200, { ip_list: ['1.2.3.4'] });
    if (url.pathname === '/2/account/get_uid.json') return json(res, weiboAnswer.status, weiboAnswer.body);
    if (url.pathname === '/relay') return json(res, relayStatus, {});
    return json(res, 404, {});
  });
});
afterAll(async () => {
  await telegram?.close();
  await platform?.close();
  await desk?.close();
});

async function create(payload: Record<string, unknown>) {
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; inboundUrl: string };
}

async function test(id: string, who: 'admin' | 'lin' = 'admin') {
  const auth = await desk.signIn(who);
  return desk.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/test`, headers: auth.write });
}

describe('channel connection test', () => {
  it('Telegram: names the bot, then reports the delivery error Telegram itself saw', async () => {
    const channel = await create({
      kind: 'telegram',
      name: 'Telegram',
      settings: { apiRoot: telegram.apiRoot },
      secrets: { botToken: TOKEN },
    });
    const ok = await test(channel.id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, detail: `@${telegram.bot.username}` });

    telegram.webhookFailing('Wrong response from the webhook: 502 Bad Gateway');
    const failing = (await test(channel.id)).json();
    expect(failing.ok).toBe(false);
    expect(failing.detail).toContain('Wrong response from the webhook: 502 Bad Gateway');

    telegram.failNext('getMe', { error_code: 401, description: 'Unauthorized' });
    expect((await test(channel.id)).json()).toMatchObject({ ok: false, detail: 'Unauthorized' });

    // Only admins may test; the check is in the audit log.
    expect((await test(channel.id, 'lin')).statusCode).toBe(403);
    const admin = await desk.signIn('admin');
    const log = await desk.app.inject({
      url: '/api/v1/admin/audit-log?action=channel.test',
      headers: admin.read,
    });
    expect(log.json().items.length).toBeGreaterThanOrEqual(3);
  });

  it("WeChat: a fresh token is asked for and the platform's refusal is shown in its words", async () => {
    const channel = await create({
      kind: 'wechat',
      name: '公众号',
      settings: { appId: 'wx1234567890abcdef', apiRoot: platform.url },
      secrets: {
        token: 'tok',
        appSecret: 'app-secret',
        encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      },
    });
    expect((await test(channel.id)).json()).toMatchObject({ ok: true });
    wechatToken = { errcode: 40164, errmsg: 'invalid ip 203.0.113.9, not in whitelist' };
    const refused = (await test(channel.id)).json();
    expect(refused.ok).toBe(false);
    expect(refused.detail).toContain('40164 invalid ip 203.0.113.9, not in whitelist');
  });

  it('Weibo: the access token is checked against the open API', async () => {
    const channel = await create({
      kind: 'weibo',
      name: '微博',
      settings: { openApiRoot: platform.url, apiRoot: platform.url },
      secrets: { appSecret: 'weibo-secret', accessToken: 'weibo-token' },
    });
    expect((await test(channel.id)).json()).toMatchObject({ ok: true, detail: 'uid 5550001' });
    weiboAnswer = { status: 401, body: { error_code: 21332, error: 'expired_token' } };
    const refused = (await test(channel.id)).json();
    expect(refused).toMatchObject({ ok: false });
    expect(refused.detail).toContain('21332 expired_token');
  });

  it('Webhook: a signed ping goes to the relay; a failing relay is reported', async () => {
    const inboundOnly = await create({ kind: 'webhook', name: 'Inbound only' });
    expect((await test(inboundOnly.id)).json()).toMatchObject({ ok: true });

    const channel = await create({
      kind: 'webhook',
      name: 'Relay',
      settings: { outboundUrl: `${platform.url}/relay`, allowPrivateAddresses: true },
      secrets: { signingSecret: 'whsec_a-test-secret-long-enough-1234' },
    });
    expect((await test(channel.id)).json()).toMatchObject({ ok: true, detail: 'HTTP 200' });
    const ping = platform.requests.filter((r) => r.url === '/relay').at(-1)!;
    expect(JSON.parse(ping.body.toString())).toEqual({ type: 'ping' });
    expect(
      verifySignature('whsec_a-test-secret-long-enough-1234', ping.headers, ping.body, new Date()).ok,
    ).toBe(true);
    relayStatus = 503;
    expect((await test(channel.id)).json()).toMatchObject({ ok: false, detail: 'HTTP 503 {}' });
  });

  it("a refused setting is explained in the caller's language, the field named", async () => {
    const admin = await desk.signIn('admin');
    const post = (lang: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: { ...admin.write, 'accept-language': lang },
        payload: { kind: 'telegram', name: 'Bad', secrets: { botToken: 'nope' } },
      });
    const zh = await post('zh-CN');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toBe(
      '提交的内容有误：机器人令牌（botToken）应为 @BotFather 给出的令牌（形如 123456:ABC…）',
    );
    expect((await post('en')).json().error.message).toBe(
      'The request is not valid: secrets.botToken: the token BotFather gave',
    );
  });

  it('the list shows each channel’s last message in and out and its last error', async () => {
    const channel = await create({ kind: 'webhook', name: 'Health' });
    const older = new Date(Date.now() - 60_000);
    await desk.services.db.insert(channelDeliveries).values([
      {
        channelId: channel.id,
        direction: 'in',
        platformMessageId: 'h-1',
        status: 'processed',
        createdAt: older,
      },
      { channelId: channel.id, direction: 'out', status: 'sent', createdAt: older },
      {
        channelId: channel.id,
        direction: 'out',
        status: 'refused',
        error: 'blocked: the person blocked the bot',
      },
    ]);
    const admin = await desk.signIn('admin');
    const list = await desk.app.inject({ url: '/api/v1/channels', headers: admin.read });
    const item = list.json().items.find((c: { id: string }) => c.id === channel.id);
    expect(item.health.lastInAt).toBe(older.toISOString());
    expect(item.health.lastOutAt).toBe(older.toISOString());
    expect(item.health.lastError.text).toBe('blocked: the person blocked the bot');
    expect(item.secretsSet).toEqual(['signingSecret']);
    expect(JSON.stringify(list.json())).not.toContain('whsec_');
  });
});
