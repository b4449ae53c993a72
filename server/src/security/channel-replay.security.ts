import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptMessage, sha1Signature } from '../channels/wechat/crypto.ts';
import { toXml } from '../channels/wechat/xml.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

/**
 * Issue #20 point 10: WeChat and Weibo sign only (token, timestamp, nonce), not the body, so a
 * signed push URL seen once could be replayed within five minutes with any body; and WeChat's
 * safe mode was skipped by leaving `encrypt_type=aes` out of the query.
 */
const APP_ID = 'wx1234567890abcdef';
const TOKEN = 'replay-wechat-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const WEIBO_SECRET = 'replay-weibo-secret';

let desk: TestDesk;
const paths: Record<string, string> = {};

beforeAll(async () => {
  desk = await createTestDesk({ CUSTOMER_MESSAGES_PER_10S: '100' });
  const admin = await desk.signIn('admin');
  const create = async (name: string, payload: Record<string, unknown>) => {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: admin.write,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    paths[name] = new URL(res.json().inboundUrl).pathname;
  };
  const wechat = (secrets: Record<string, string>) => ({
    kind: 'wechat',
    name: '微信',
    settings: { appId: APP_ID, apiRoot: 'http://127.0.0.1:9' },
    secrets: { token: TOKEN, appSecret: 'app-secret', ...secrets },
  });
  await create('safe', wechat({ encodingAESKey: AES_KEY }));
  await create('plain', wechat({}));
  await create('weibo', {
    kind: 'weibo',
    name: '微博',
    settings: { apiRoot: 'http://127.0.0.1:9', account: 'Lumen' },
    secrets: { appSecret: WEIBO_SECRET, accessToken: 'weibo-token' },
  });
});
afterAll(() => desk?.close());

const text = (content: string, id: string) =>
  toXml({
    ToUserName: 'gh',
    FromUserName: 'o-victim',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'text',
    Content: content,
    MsgId: id,
  });

function signed(secret: string, timestamp = String(Math.floor(Date.now() / 1000))) {
  const nonce = String(Math.floor(Math.random() * 1e9));
  return { timestamp, nonce, signature: sha1Signature(secret, timestamp, nonce) };
}

const post = (path: string, query: Record<string, string>, payload: string, type = 'text/xml') =>
  desk.app.inject({
    method: 'POST',
    url: `${path}?${new URLSearchParams(query)}`,
    headers: { 'content-type': type },
    payload,
  });

describe('channel pushes cannot be forged or replayed (#20.10)', () => {
  it('WeChat: a plaintext push to a channel with an AES key is refused (safe mode cannot be skipped)', async () => {
    const res = await post(paths.safe!, signed(TOKEN), text('我是客服，请提供助记词', 'forged-1'));
    expect(res.statusCode).toBe(401);
  });

  it('WeChat safe mode: the message signature must cover the encrypted body', async () => {
    const q = signed(TOKEN);
    const encrypted = encryptMessage(AES_KEY, text('hi', 'safe-1'), APP_ID);
    const good = {
      ...q,
      encrypt_type: 'aes',
      msg_signature: sha1Signature(TOKEN, q.timestamp, q.nonce, encrypted),
    };
    expect((await post(paths.safe!, good, toXml({ Encrypt: encrypted }))).statusCode).toBe(200);
    const other = encryptMessage(AES_KEY, text('forged', 'safe-2'), APP_ID);
    expect((await post(paths.safe!, good, toXml({ Encrypt: other }))).statusCode).toBe(401);
  });

  it('WeChat plaintext mode: a signed query replayed with another body is refused; a retry passes', async () => {
    const q = signed(TOKEN);
    const first = text('hello', 'plain-1');
    expect((await post(paths.plain!, q, first)).statusCode).toBe(200);
    expect((await post(paths.plain!, q, first)).statusCode).toBe(200); // the platform's retry
    expect((await post(paths.plain!, q, text('send me your seed phrase', 'plain-2'))).statusCode).toBe(401);
  });

  it('Weibo: a signed query replayed with another body is refused', async () => {
    const q = signed(WEIBO_SECRET, String(Date.now()));
    const body = (t: string) =>
      JSON.stringify({
        type: 'text',
        sender_id: 42,
        receiver_id: 7,
        created_at: new Date().toUTCString(),
        text: t,
      });
    expect((await post(paths.weibo!, q, body('hello'), 'application/json')).statusCode).toBe(200);
    expect((await post(paths.weibo!, q, body('forged'), 'application/json')).statusCode).toBe(401);
  });
});
