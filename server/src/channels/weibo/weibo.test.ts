import type { ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../../testing/harness.ts';
import { channelDeliveries } from '../schema.ts';
import { PNG, storeAgentImage } from '../test-attachments.ts';
import { imageFormatOf, json, parseMultipart, type Recorded, startTestServer } from '../test-server.ts';
import { sha1Signature } from '../wechat/crypto.ts';

const SECRET = 'weibo-app-secret';
let desk: TestDesk;
let platform: Awaited<ReturnType<typeof startTestServer>>;
let path: string;
let refuse: { error_code: number; error: string } | null = null;
const replies: URLSearchParams[] = [];
/** Media uploaded to the stand-in, by media_id; pictures people sent, by the receiver's fid. */
const uploads = new Map<string, { filename: string; contentType: string | null; bytes: Buffer }>();
const pictures = new Map<string, Buffer>();

function invalidToken(res: ServerResponse, request: string) {
  return json(res, 403, { error_code: 21332, error: 'invalid_access_token', request });
}

/**
 * mss/media_upload.json as documented: POST multipart/form-data, the file in `media`, `type`
 * image|voice|video|thumb, the token as access_token or an "OAuth2" Authorization header; an
 * image at most 1 MB. Answers { type, media_id, created_at } or { error, error_code, request }.
 */
function mediaUpload(req: Recorded, url: URL, res: ServerResponse) {
  const request = url.pathname;
  const parts = parseMultipart(req);
  const field = (name: string) => parts?.find((p) => p.name === name && p.filename === null)?.data.toString();
  const token =
    /^OAuth2 (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ??
    url.searchParams.get('access_token') ??
    field('access_token');
  if (token !== 'weibo-token') return invalidToken(res, request);
  const type = url.searchParams.get('type') ?? field('type') ?? '';
  if (req.method !== 'POST' || !parts || !['image', 'voice', 'video', 'thumb'].includes(type)) {
    return json(res, 400, { error: 'invalid media type', error_code: 20354, request });
  }
  const file = parts.find((p) => p.name === 'media' && p.filename !== null);
  if (!file || (type === 'image' && !imageFormatOf(file.data))) {
    return json(res, 400, { error: 'invalid media type', error_code: 20354, request });
  }
  if (type === 'image' && file.data.length > 1024 * 1024) {
    return json(res, 400, { error: 'Image size too large', error_code: 20006, request });
  }
  const mediaId = String(5_000_000 + uploads.size);
  uploads.set(mediaId, { filename: file.filename!, contentType: file.contentType, bytes: file.data });
  return json(res, 200, { type, media_id: mediaId, created_at: Math.floor(Date.now() / 1000) });
}

beforeAll(async () => {
  desk = await createTestDesk();
  platform = await startTestServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/2/mss/media_upload.json') return mediaUpload(req, url, res);
    if (url.pathname === '/2/mss/msget') {
      if (url.searchParams.get('access_token') !== 'weibo-token') return invalidToken(res, url.pathname);
      const picture = pictures.get(url.searchParams.get('fid') ?? '');
      if (!picture)
        return json(res, 400, { error_code: 20003, error: 'fid not found', request: url.pathname });
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    }
    if (url.pathname !== '/2/messages/reply.json') return json(res, 404, {});
    const form = new URLSearchParams(req.body.toString());
    if (form.get('access_token') !== 'weibo-token') return invalidToken(res, url.pathname);
    if (form.get('type') === 'image' && !uploads.has(JSON.parse(form.get('data') ?? '{}').media_id)) {
      return json(res, 400, { error_code: 20354, error: 'invalid media id', request: url.pathname });
    }
    if (refuse) return json(res, 400, refuse);
    replies.push(form);
    return json(res, 200, { id: 1000 + replies.length });
  });
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: {
      kind: 'weibo',
      name: '微博',
      settings: {
        apiRoot: platform.url,
        uploadApiRoot: platform.url,
        account: 'LumenExchange',
        privateLink: 'https://app.lumen-exchange.example/chat',
      },
      secrets: { appSecret: SECRET, accessToken: 'weibo-token' },
    },
  });
  expect(res.statusCode).toBe(201);
  path = new URL(res.json().inboundUrl).pathname;
});
afterAll(async () => {
  await platform?.close();
  await desk?.close();
});

function query(extra: Record<string, string> = {}, secret = SECRET) {
  const timestamp = String(Date.now());
  const nonce = String(Math.floor(Math.random() * 1e8));
  return new URLSearchParams({
    signature: sha1Signature(secret, timestamp, nonce),
    timestamp,
    nonce,
    ...extra,
  }).toString();
}

const push = (body: unknown, secret = SECRET) =>
  desk.app.inject({
    method: 'POST',
    url: `${path}?${query({}, secret)}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

async function ticketsOf(sender: string) {
  return eventually(async () => {
    const rows = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.direction, 'in'));
    const done = rows.filter(
      (r) => r.status === 'processed' && r.platformMessageId?.startsWith(`${sender}:`),
    );
    return done.length ? done : null;
  });
}

describe('Weibo', () => {
  it('answers the echo check and refuses wrong signatures', async () => {
    const ok = await desk.app.inject({ method: 'GET', url: `${path}?${query({ echostr: 'abc' })}` });
    expect(ok.body).toBe('abc');
    const bad = await push({ type: 'text', sender_id: 1, receiver_id: 2, text: 'x' }, 'wrong-secret');
    expect(bad.statusCode).toBe(401);
  });

  it('turns private messages into a ticket, ignores a retried push, replies privately', async () => {
    const message = {
      type: 'text',
      receiver_id: 9,
      sender_id: 2489518277,
      created_at: 'Mon Jul 16 18:09:20 +0800 2012',
      text: '请问 App 怎么切换语言',
      data: {},
    };
    expect((await push(message)).statusCode).toBe(200);
    const retried = await push(message);
    expect(retried.statusCode).toBe(200);
    expect(retried.body).toBe('');
    const rows = await ticketsOf('2489518277');
    expect(rows).toHaveLength(1);
    const row = rows[0];
    const agent = await desk.signIn('lin');
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${row!.ticketId}/messages`,
      headers: agent.write,
      payload: { body: '在「我的 → 设置 → 语言」中切换。' },
    });
    const sent = await eventually(async () => replies.find((r) => r.get('receiver_id') === '2489518277'));
    expect(sent.get('type')).toBe('text');
    expect(JSON.parse(sent.get('data')!)).toEqual({ text: '在「我的 → 设置 → 语言」中切换。' });

    refuse = { error_code: 21335, error: 'reply quota exceeded' };
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${row!.ticketId}/messages`,
      headers: agent.write,
      payload: { body: 'again' },
    });
    const failed = await eventually(async () => {
      const t = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${row!.ticketId}`,
        headers: agent.read,
      });
      return t.json().history.find((h: { kind: string }) => h.kind === 'channel_reply_failed');
    });
    expect(failed.to).toMatchObject({ reason: 'window_closed' });
    refuse = null;
  });

  it('answers an @mention about funds only with a general reply and the private link', async () => {
    await push({
      type: 'mention',
      receiver_id: 9,
      sender_id: 555,
      created_at: 'Mon Jul 16 19:00:00 +0800 2012',
      text: '@Lumen 我充值的币没到账',
      data: { subtype: 'status' },
    });
    await ticketsOf('555');
    const general = await eventually(async () => replies.find((r) => r.get('receiver_id') === '555'));
    const text = JSON.parse(general.get('data')!).text as string;
    expect(text).toContain('https://app.lumen-exchange.example/chat');
    expect(text).not.toContain('充值');
  });

  it('downloads a picture a person sends and checks it; uploads a picture in a reply and sends it', async () => {
    pictures.set('821804469', PNG);
    await push({
      type: 'image',
      receiver_id: 9,
      sender_id: 777,
      created_at: 'Mon Jul 16 20:00:00 +0800 2012',
      text: '发了一张图片',
      data: { vfid: 821804459, tovfid: 821804469 },
    });
    const [row] = await ticketsOf('777');
    const agent = await desk.signIn('lin');
    const ticket = async () =>
      (
        await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${row!.ticketId}`, headers: agent.read })
      ).json();
    const first = (await ticket()).messages[0];
    expect(first.attachments.map((a: { contentType: string }) => a.contentType)).toEqual(['image/png']);
    const fetched = platform.requests.find((r) => r.url.startsWith('/2/mss/msget'))!;
    expect(new URL(fetched.url, 'http://x').searchParams.get('fid')).toBe('821804469');

    // A picture that is not an image is refused by the content checks and noted.
    pictures.set('900', Buffer.from('<html><script>alert(1)</script></html>'));
    await push({
      type: 'image',
      receiver_id: 9,
      sender_id: 777,
      created_at: 'Mon Jul 16 20:01:00 +0800 2012',
      text: '发了一张图片',
      data: { vfid: 899, tovfid: 900 },
    });
    const noted = await eventually(async () => {
      const messages = (await ticket()).messages as { body: string }[];
      return messages.find((m) => m.body.includes('type_not_allowed')) ?? null;
    });
    expect(noted.body).toContain('weibo-image');

    const image = await storeAgentImage(desk);
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${row!.ticketId}/messages`,
      headers: agent.write,
      payload: { body: '收到，请看这张图', attachmentIds: [image] },
    });
    const picture = await eventually(async () =>
      replies.find((r) => r.get('receiver_id') === '777' && r.get('type') === 'image'),
    );
    const uploaded = uploads.get(JSON.parse(picture.get('data')!).media_id)!;
    expect(uploaded.bytes.equals(PNG)).toBe(true);
    expect(uploaded.contentType).toBe('image/png');
    expect(replies.find((r) => r.get('receiver_id') === '777' && r.get('type') === 'text')).toBeDefined();
  });
});
