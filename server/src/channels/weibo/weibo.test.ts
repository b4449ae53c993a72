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

/**
 * The open API's comments, as documented: comments/show_batch (GET, cids), comments/create (POST,
 * id + comment), comments/reply (POST, cid + id + comment), comments/destroy (POST, cid; the
 * account may remove comments under its own posts, others are refused). A comment holds at most
 * 140 characters (a Latin one counts half).
 */
const ownPosts = new Set(['4001']);
const comments = new Map<string, { statusId: string; text: string; deleted: boolean; replyTo?: string }>();
let nextComment = 9_000_000;

function units(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.5;
  return n;
}

function commentsApi(req: Recorded, url: URL, res: ServerResponse) {
  const form = new URLSearchParams(req.method === 'GET' ? url.search : req.body.toString());
  if (form.get('access_token') !== 'weibo-token') return invalidToken(res, url.pathname);
  const shown = (cid: string) => {
    const c = comments.get(cid)!;
    return {
      id: Number(cid),
      idstr: cid,
      text: c.text,
      status: { id: Number(c.statusId), idstr: c.statusId },
    };
  };
  const missing = () =>
    json(res, 400, {
      error_code: 20201,
      error: 'target weibo comment does not exist',
      request: url.pathname,
    });
  switch (url.pathname) {
    case '/2/comments/show_batch.json':
      return json(
        res,
        200,
        (form.get('cids') ?? '')
          .split(',')
          .filter((cid) => comments.get(cid) && !comments.get(cid)!.deleted)
          .map(shown),
      );
    case '/2/comments/destroy.json': {
      const cid = form.get('cid') ?? '';
      const c = comments.get(cid);
      if (req.method !== 'POST' || !c || c.deleted) return missing();
      if (!ownPosts.has(c.statusId))
        return json(res, 403, { error_code: 20203, error: 'not your own comment', request: url.pathname });
      c.deleted = true;
      return json(res, 200, shown(cid));
    }
    case '/2/comments/create.json':
    case '/2/comments/reply.json': {
      const text = form.get('comment') ?? '';
      const statusId = form.get('id') ?? '';
      if (req.method !== 'POST' || !text || !statusId)
        return json(res, 400, { error_code: 10016, error: 'miss required parameter', request: url.pathname });
      if (units(text) > 140)
        return json(res, 400, { error_code: 20019, error: 'text too long', request: url.pathname });
      const cid = form.get('cid');
      if (url.pathname.endsWith('reply.json')) {
        const target = cid ? comments.get(cid) : undefined;
        if (!target || target.deleted || target.statusId !== statusId) return missing();
      }
      const id = String(nextComment++);
      comments.set(id, { statusId, text, deleted: false, ...(cid ? { replyTo: cid } : {}) });
      return json(res, 200, shown(id));
    }
    default:
      return json(res, 404, {});
  }
}

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
    if (url.pathname.startsWith('/2/comments/')) return commentsApi(req, url, res);
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
        openApiRoot: platform.url,
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

/** The processed delivery of a mention, by its post or comment ("comment:<id>"). */
async function mentionRow(platformMessageId: string) {
  const row = await eventually(async () => {
    const [found] = await desk.services.db
      .select()
      .from(channelDeliveries)
      .where(eq(channelDeliveries.platformMessageId, platformMessageId));
    return found?.status === 'processed' ? found : null;
  });
  return [row];
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
  it('answers a private message passively in the push response: the article, else one acknowledgement', async () => {
    const asked = {
      type: 'text',
      receiver_id: 9,
      sender_id: 888,
      created_at: 'Mon Jul 16 21:00:00 +0800 2012',
      text: 'what are the trading fees?',
      data: {},
    };
    const res = await push(asked);
    expect(res.headers['content-type']).toContain('application/json');
    const answer = res.json();
    // The account (the push's receiver) answers the person (its sender); data is URL-encoded JSON.
    expect(answer).toMatchObject({ result: true, sender_id: '9', receiver_id: '888', type: 'text' });
    expect(answer.data).not.toContain('{');
    expect(JSON.parse(decodeURIComponent(answer.data)).text).toContain('/help/articles/trading-fees');
    // Weibo retries a push that seemed unanswered: a duplicate, answered with the empty string.
    expect((await push(asked)).body).toBe('');
    const [row] = await ticketsOf('888');
    const note = await eventually(async () => {
      const agent = await desk.signIn('lin');
      const t = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${row!.ticketId}`,
        headers: agent.read,
      });
      return t.json().history.find((h: { kind: string }) => h.kind === 'channel_auto_answer');
    });
    expect(note.to).toMatchObject({ kind: 'article' });

    const hello = await push({
      ...asked,
      sender_id: 889,
      text: 'hello there',
      created_at: 'Mon Jul 16 21:01:00 +0800 2012',
    });
    expect(JSON.parse(decodeURIComponent(hello.json().data)).text).toContain('agent will reply');
    const again = await push({
      ...asked,
      sender_id: 889,
      text: 'anyone?',
      created_at: 'Mon Jul 16 21:02:00 +0800 2012',
    });
    expect(again.body).toBe('');
    // A mention is public: never answered in the push response.
    const mention = await push({
      ...asked,
      type: 'mention',
      sender_id: 890,
      data: { subtype: 'status', key: 4100 },
    });
    expect(mention.body).toBe('');
  });

  it('answers a mention in a comment about funds in the comment thread, with the private link', async () => {
    comments.set('5001', { statusId: '4001', text: '@Lumen 我充值的币没到账', deleted: false });
    await push({
      type: 'mention',
      receiver_id: 9,
      sender_id: 556,
      created_at: 'Mon Jul 16 22:00:00 +0800 2012',
      text: '@Lumen 我充值的币没到账',
      data: { subtype: 'comment', key: 5001 },
    });
    await mentionRow('comment:5001');
    const answer = await eventually(async () => [...comments.values()].find((c) => c.replyTo === '5001'));
    expect(answer.statusId).toBe('4001');
    expect(answer.text).toContain('https://app.lumen-exchange.example/chat');
    expect(answer.text).not.toContain('充值');
    expect(comments.get('5001')!.deleted).toBe(false);
    expect(replies.find((r) => r.get('receiver_id') === '556')).toBeUndefined();
  });

  const seed = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

  it('removes a comment that exposes a secret, says so in the thread and warns the author privately', async () => {
    comments.set('5002', { statusId: '4001', text: `@Lumen 助记词 ${seed} 钱没了`, deleted: false });
    await push({
      type: 'mention',
      receiver_id: 9,
      sender_id: 557,
      created_at: 'Mon Jul 16 22:10:00 +0800 2012',
      text: `@Lumen 我的助记词 ${seed} 钱没了`,
      data: { subtype: 'comment', key: 5002 },
    });
    const [row] = await mentionRow('comment:5002');
    const destroyed = await eventually(async () =>
      platform.requests.find((r) => r.url === '/2/comments/destroy.json'),
    );
    expect(new URLSearchParams(destroyed.body.toString()).get('cid')).toBe('5002');
    expect(comments.get('5002')!.deleted).toBe(true);
    const notice = await eventually(async () =>
      [...comments.values()].find((c) => c.statusId === '4001' && c.text.includes('我们已删除')),
    );
    expect(notice.replyTo).toBeUndefined();
    expect(notice.text).toContain('已私信提醒');
    expect(notice.text).not.toContain('abandon');
    const warning = await eventually(async () => replies.find((r) => r.get('receiver_id') === '557'));
    expect(JSON.parse(warning.get('data')!).text).toContain('我们已将其删除');
    const agent = await desk.signIn('lin');
    const ticket = async () =>
      (
        await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${row!.ticketId}`, headers: agent.read })
      ).json();
    const redirect = await eventually(async () =>
      (await ticket()).history.find((h: { kind: string }) => h.kind === 'channel_public_redirect'),
    );
    expect(redirect.to).toMatchObject({ secrets: ['mnemonic'], deleted: true, warned: true, answered: true });
    expect(JSON.stringify((await ticket()).messages)).not.toContain('abandon ability');
    const rows = await desk.services.db.select().from(channelDeliveries);
    expect(JSON.stringify(rows)).not.toContain('abandon ability');
  });

  it('says so in public when Weibo refuses to remove the comment, and asks the author to delete it', async () => {
    comments.set('5003', { statusId: '4999', text: `@Lumen ${seed}`, deleted: false });
    await push({
      type: 'mention',
      receiver_id: 9,
      sender_id: 558,
      created_at: 'Mon Jul 16 22:20:00 +0800 2012',
      text: `@Lumen recovery phrase ${seed}`,
      data: { subtype: 'comment', key: 5003 },
    });
    const [row] = await mentionRow('comment:5003');
    const notice = await eventually(async () =>
      [...comments.values()].find((c) => c.statusId === '4999' && c.text.includes('should delete it now')),
    );
    expect(notice.text).not.toContain('abandon');
    expect(comments.get('5003')!.deleted).toBe(false);
    const warning = await eventually(async () => replies.find((r) => r.get('receiver_id') === '558'));
    expect(JSON.parse(warning.get('data')!).text).toContain('please delete it yourself now');
    const agent = await desk.signIn('lin');
    const redirect = await eventually(async () =>
      (await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${row!.ticketId}`, headers: agent.read }))
        .json()
        .history.find((h: { kind: string }) => h.kind === 'channel_public_redirect'),
    );
    expect(redirect.to).toMatchObject({ deleted: false, warned: true });
  });
});
