import type { ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { channelConversations, channelDeliveries } from '../schema.ts';
import { storeAgentImage } from '../test-attachments.ts';
import { imageFormatOf, json, parseMultipart, type Recorded, startTestServer } from '../test-server.ts';
import { decryptMessage, encryptMessage, sha1Signature } from './crypto.ts';
import { parseFlatXml, toXml } from './xml.ts';

const APP_ID = 'wx1234567890abcdef';
const TOKEN = 'lumen-wechat-token';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let desk: TestDesk;
let platform: Awaited<ReturnType<typeof startTestServer>>;
let path: string;
let issued = 0;
let sendAnswers: { errcode: number; errmsg: string }[] = [];
const sent: {
  token: string;
  body: { touser: string; msgtype: string; text?: { content: string }; image?: { media_id: string } };
}[] = [];
/** Temporary media the stand-in holds, by media_id. */
const media = new Map<string, { type: string; filename: string; bytes: Buffer }>();

/**
 * cgi-bin/media/upload as the platform documents it: POST multipart/form-data with the file in
 * `media` (filename and content type), `type` in the query; images PNG/JPEG/GIF up to 10 MB.
 * Errors: 40004 invalid media type, 41005 no media data, 40005 invalid file type, 40006 size.
 */
function uploadTemporaryMedia(req: Recorded, url: URL, res: ServerResponse) {
  const type = url.searchParams.get('type') ?? '';
  if (req.method !== 'POST' || !['image', 'voice', 'video', 'thumb'].includes(type)) {
    return json(res, 200, { errcode: 40004, errmsg: 'invalid media type' });
  }
  const file = parseMultipart(req)?.find((p) => p.name === 'media' && p.filename !== null);
  if (!file || file.data.length === 0)
    return json(res, 200, { errcode: 41005, errmsg: 'media data missing' });
  if (type === 'image') {
    if (!imageFormatOf(file.data)) return json(res, 200, { errcode: 40005, errmsg: 'invalid file type' });
    if (file.data.length > 10 * 1024 * 1024)
      return json(res, 200, { errcode: 40006, errmsg: 'invalid file size' });
  }
  const mediaId = `media-${media.size + 1}-${Math.random().toString(36).slice(2, 10)}`;
  media.set(mediaId, { type, filename: file.filename!, bytes: file.data });
  return json(res, 200, { type, media_id: mediaId, created_at: Math.floor(Date.now() / 1000) });
}

beforeAll(async () => {
  desk = await createTestDesk();
  platform = await startTestServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== APP_ID || url.searchParams.get('secret') !== 'app-secret') {
        return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      issued++;
      return json(res, 200, { access_token: `tok-${issued}`, expires_in: 7200 });
    }
    const token = url.searchParams.get('access_token');
    if (token !== `tok-${issued}`) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
    if (url.pathname === '/cgi-bin/message/custom/send') {
      const body = JSON.parse(req.body.toString());
      if (body.msgtype === 'image' && !media.has(body.image?.media_id)) {
        return json(res, 200, { errcode: 40007, errmsg: 'invalid media_id' });
      }
      const answer = sendAnswers.shift() ?? { errcode: 0, errmsg: 'ok' };
      if (answer.errcode === 0) sent.push({ token, body });
      return json(res, 200, answer);
    }
    if (url.pathname === '/cgi-bin/media/upload') return uploadTemporaryMedia(req, url, res);
    if (url.pathname === '/cgi-bin/media/get') {
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    }
    return json(res, 404, {});
  });
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: {
      kind: 'wechat',
      name: '微信公众号',
      settings: { appId: APP_ID, apiRoot: platform.url, welcomeText: '欢迎关注 Lumen 客服' },
      secrets: { token: TOKEN, appSecret: 'app-secret', encodingAESKey: AES_KEY },
    },
  });
  expect(res.statusCode).toBe(201);
  path = new URL(res.json().inboundUrl).pathname;
});
afterAll(async () => {
  await platform?.close();
  await desk?.close();
});

function signedQuery(extra: Record<string, string> = {}, encrypted?: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const q = new URLSearchParams({
    signature: sha1Signature(TOKEN, timestamp, nonce),
    timestamp,
    nonce,
    ...extra,
  });
  if (encrypted) {
    q.set('encrypt_type', 'aes');
    q.set('msg_signature', sha1Signature(TOKEN, timestamp, nonce, encrypted));
  }
  return q.toString();
}

let msgId = 9000;
/**
 * A push as WeChat sends it to an account with an EncodingAESKey: `safe` is safe mode (only the
 * Encrypt element); otherwise compatible mode (the plaintext fields and Encrypt side by side).
 * Either way encrypt_type=aes and msg_signature are in the query, and the answer is encrypted.
 */
function push(fields: Record<string, string | number>, safe = false) {
  const xml = toXml({ ToUserName: 'gh_lumen', CreateTime: Math.floor(Date.now() / 1000), ...fields });
  const encrypted = encryptMessage(AES_KEY, xml, APP_ID);
  const compatible = toXml({
    ToUserName: 'gh_lumen',
    CreateTime: Math.floor(Date.now() / 1000),
    ...fields,
    Encrypt: encrypted,
  });
  return desk.app.inject({
    method: 'POST',
    url: `${path}?${signedQuery({}, encrypted)}`,
    headers: { 'content-type': 'text/xml' },
    payload: safe ? toXml({ ToUserName: 'gh_lumen', Encrypt: encrypted }) : compatible,
  });
}

/** A passive answer, decrypted. */
function answerOf(body: string) {
  const outer = parseFlatXml(body)!;
  return outer.Encrypt ? parseFlatXml(decryptMessage(AES_KEY, outer.Encrypt, APP_ID)) : outer;
}

async function ticketOf(id: string) {
  return eventually(async () => {
    const [row] = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, id));
    return row?.ticketId ?? null;
  });
}

async function detail(ticketId: string) {
  const agent = await desk.signIn('lin');
  return (
    await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}`, headers: agent.read })
  ).json();
}

async function reply(ticketId: string, body: string, attachmentIds: string[] = []) {
  const agent = await desk.signIn('lin');
  const res = await desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/messages`,
    headers: agent.write,
    payload: { body, attachmentIds },
  });
  expect(res.statusCode).toBe(201);
}

describe('WeChat Official Account', () => {
  it('answers the echo check only with the right signature', async () => {
    const ok = await desk.app.inject({
      method: 'GET',
      url: `${path}?${signedQuery({ echostr: 'echo-123' })}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('echo-123');
    const bad = await desk.app.inject({
      method: 'GET',
      url: `${path}?signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1&echostr=x`,
    });
    expect(bad.statusCode).toBe(401);
  });

  it('takes plaintext and safe-mode pushes, text and images, into one conversation', async () => {
    const plain = await push({
      FromUserName: 'o-user-1',
      MsgType: 'text',
      Content: '请问如何修改昵称',
      MsgId: String(++msgId),
    });
    expect(plain.statusCode).toBe(200);
    // The first message gets a passive first answer (an article or the acknowledgement).
    expect(answerOf(plain.body)).toMatchObject({ ToUserName: 'o-user-1', MsgType: 'text' });
    const ticketId = await ticketOf(String(msgId));
    const safe = await push(
      { FromUserName: 'o-user-1', MsgType: 'text', Content: '还有头像', MsgId: String(++msgId) },
      true,
    );
    expect(safe.statusCode).toBe(200);
    expect(await ticketOf(String(msgId))).toBe(ticketId);
    await push({
      FromUserName: 'o-user-1',
      MsgType: 'image',
      PicUrl: 'http://cdn.invalid/x',
      MediaId: 'media-1',
      MsgId: String(++msgId),
    });
    expect(await ticketOf(String(msgId))).toBe(ticketId);
    const t = await detail(ticketId);
    expect(t.channel).toBe('wechat');
    // (the desk's own passive answer is an internal note between them)
    const fromPerson = t.messages.filter((m: { authorType: string }) => m.authorType === 'customer');
    expect(fromPerson.map((m: { body: string }) => m.body).slice(0, 2)).toEqual([
      '请问如何修改昵称',
      '还有头像',
    ]);
    expect(fromPerson[2].attachments[0].contentType).toBe('image/png');

    // A tampered safe-mode push is refused.
    const encrypted = encryptMessage(
      AES_KEY,
      toXml({ FromUserName: 'o-user-1', MsgType: 'text', Content: 'x', MsgId: '1' }),
      APP_ID,
    );
    const forged = await desk.app.inject({
      method: 'POST',
      url: `${path}?${signedQuery({ encrypt_type: 'aes', msg_signature: '0'.repeat(40) })}`,
      payload: toXml({ Encrypt: encrypted }),
      headers: { 'content-type': 'text/xml' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('welcomes a new follower with an encrypted passive reply', async () => {
    const res = await push({ FromUserName: 'o-user-2', MsgType: 'event', Event: 'subscribe' }, true);
    const outer = parseFlatXml(res.body)!;
    const inner = parseFlatXml(decryptMessage(AES_KEY, outer.Encrypt!, APP_ID))!;
    expect(inner).toMatchObject({ ToUserName: 'o-user-2', MsgType: 'text', Content: '欢迎关注 Lumen 客服' });
    expect(outer.MsgSignature).toBe(sha1Signature(TOKEN, outer.TimeStamp!, outer.Nonce!, outer.Encrypt!));
  });

  it('replies through the customer-service API with a cached, refreshed token; a closed window is shown', async () => {
    await push({ FromUserName: 'o-user-3', MsgType: 'text', Content: 'hello', MsgId: String(++msgId) });
    const ticketId = await ticketOf(String(msgId));
    await reply(ticketId, '您好，请问有什么可以帮您？');
    await eventually(async () => sent.find((s) => s.body.touser === 'o-user-3'));
    await reply(ticketId, '第二条');
    await eventually(async () => sent.filter((s) => s.body.touser === 'o-user-3').length === 2);
    expect(issued).toBe(1);

    // The platform revokes the token: the adapter fetches a new one and sends.
    issued++; // tok-1 is no longer valid
    await reply(ticketId, '第三条');
    const third = await eventually(async () => sent.find((s) => s.body.text?.content === '第三条'));
    expect(third.token).toBe(`tok-${issued}`);

    sendAnswers = [{ errcode: 45015, errmsg: 'response out of time limit' }];
    await reply(ticketId, '第四条');
    const failed = await eventually(async () =>
      (await detail(ticketId)).history.find((h: { kind: string }) => h.kind === 'channel_reply_failed'),
    );
    expect(failed.to).toMatchObject({ reason: 'window_closed' });

    // Past 48 hours the desk does not even try.
    await desk.services.db
      .update(channelConversations)
      .set({ lastInboundAt: new Date(Date.now() - 49 * 3600_000) })
      .where(eq(channelConversations.ticketId, ticketId));
    const before = sent.length;
    await reply(ticketId, '第五条');
    await eventually(async () => {
      const t = await detail(ticketId);
      return t.history.filter((h: { kind: string }) => h.kind === 'channel_reply_failed').length === 2;
    });
    expect(sent.length).toBe(before);
  });

  it('uploads a picture in a reply as temporary media and sends it as an image message', async () => {
    await push({ FromUserName: 'o-user-4', MsgType: 'text', Content: '截图呢', MsgId: String(++msgId) });
    const ticketId = await ticketOf(String(msgId));
    const image = await storeAgentImage(desk);
    await reply(ticketId, '请看图', [image]);
    const pictureMessage = await eventually(async () =>
      sent.find((s) => s.body.touser === 'o-user-4' && s.body.msgtype === 'image'),
    );
    const text = sent.find((s) => s.body.touser === 'o-user-4' && s.body.msgtype === 'text');
    expect(text?.body.text?.content).toBe('请看图');
    const uploaded = media.get(pictureMessage.body.image!.media_id)!;
    expect(uploaded.type).toBe('image');
    expect(uploaded.filename).toBe('pic.png');
    expect(uploaded.bytes.equals(PNG)).toBe(true);
    const upload = platform.requests.find((r) => r.url.startsWith('/cgi-bin/media/upload'))!;
    expect(new URL(upload.url, 'http://x').searchParams.get('access_token')).toBe(`tok-${issued}`);
  });

  it('answers a message that matches a help article passively, with the article', async () => {
    const id = String(++msgId);
    const res = await push({
      FromUserName: 'o-user-5',
      MsgType: 'text',
      Content: 'what are the trading fees?',
      MsgId: id,
    });
    const answer = answerOf(res.body)!;
    expect(answer).toMatchObject({ ToUserName: 'o-user-5', FromUserName: 'gh_lumen', MsgType: 'text' });
    expect(answer.Content).toContain('/help/articles/trading-fees');
    const ticketId = await ticketOf(id);
    const note = await eventually(async () =>
      (await detail(ticketId)).history.find((h: { kind: string }) => h.kind === 'channel_auto_answer'),
    );
    expect(note.to).toMatchObject({ kind: 'article' });
    // WeChat retries a push it thinks went unanswered: the retry is a duplicate and answers "success".
    const retried = await push({
      FromUserName: 'o-user-5',
      MsgType: 'text',
      Content: 'what are the trading fees?',
      MsgId: id,
    });
    expect(retried.body).toBe('success');
  });

  it('otherwise acknowledges once per conversation per window; account matters get the link offer instead', async () => {
    const first = await push({
      FromUserName: 'o-user-6',
      MsgType: 'text',
      Content: 'hello there',
      MsgId: String(++msgId),
    });
    const ack = answerOf(first.body)!;
    expect(ack).toMatchObject({ ToUserName: 'o-user-6', MsgType: 'text' });
    expect(ack.Content).toContain('agent will reply');
    const second = await push({
      FromUserName: 'o-user-6',
      MsgType: 'text',
      Content: 'anyone?',
      MsgId: String(++msgId),
    });
    expect(second.body).toBe('success');
    const ticketId = await ticketOf(String(msgId));
    const t = await detail(ticketId);
    expect(
      t.messages.filter((m: { body: string }) => m.body.includes('Answered automatically')),
    ).toHaveLength(1);

    const funds = await push({
      FromUserName: 'o-user-7',
      MsgType: 'text',
      Content: '我的提现还没到账',
      MsgId: String(++msgId),
    });
    expect(funds.body).toBe('success');
    await eventually(async () =>
      sent.find((s) => s.body.touser === 'o-user-7' && s.body.text?.content.includes('绑定')),
    );
  });
  it('gives no passive answer to a message over the pace, and shows the agents how many were held back', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) {
      ids.push(String(++msgId));
      await push({
        FromUserName: 'o-user-8',
        MsgType: 'text',
        Content: `line ${i} of my story`,
        MsgId: msgId,
      });
    }
    // Over the pace: the article it would match is not sent back, the push just answers "success".
    const over = await push({
      FromUserName: 'o-user-8',
      MsgType: 'text',
      Content: 'what are the trading fees?',
      MsgId: String(++msgId),
    });
    expect(over.body).toBe('success');
    const [held] = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, String(msgId)));
    expect(JSON.stringify(held!.payload)).not.toContain('trading fees');
    const ticketId = await ticketOf(ids[0]!);
    const note = await eventually(async () =>
      ((await detail(ticketId)).messages as { body: string; visibility: string }[]).find((m) =>
        m.body.includes('held back by the flood limit'),
      ),
    );
    expect(note.visibility).toBe('internal');
    expect(note.body).toMatch(/^流量限制：.*有 1 条消息.*\/ 1 message from this contact was held back/);
    expect(
      sent.some((s) => s.body.touser === 'o-user-8' && s.body.text?.content.includes('trading-fees')),
    ).toBe(false);
  });
});
