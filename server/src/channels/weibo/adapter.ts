import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { safeEqual } from '../../identity/secrets.ts';
import { AppError } from '../../platform/errors.ts';
import type {
  ChannelAdapter,
  ChannelRecord,
  InboundMessage,
  OutboundReply,
  ReceiveResult,
  SendResult,
} from '../adapter.ts';
import { sha1Signature } from '../wechat/crypto.ts';

const DEFAULT_API_ROOT = 'https://m.api.weibo.com';
const DEFAULT_UPLOAD_ROOT = 'https://upload.api.weibo.com';
/** The open API, where comments are made, answered and removed. */
const DEFAULT_OPEN_API_ROOT = 'https://api.weibo.com';
/** A comment holds at most 140 characters, a Chinese one counting one and a Latin one half. */
const MAX_COMMENT_UNITS = 140;
/** The media upload's limit for an image. */
const MAX_IMAGE_BYTES = 1024 * 1024;
const MAX_AGE_SECONDS = 300;

/**
 * A Weibo account's fan-service message push (粉丝服务平台, developer mode): GET echo and POST
 * pushes signed with sha1(sorted appSecret, timestamp, nonce); private messages are conversations,
 * and the first answer may go back in the push's response (the passive reply); @mentions in a post
 * or a comment are public. Replies go through messages/reply.json (a private message) within the
 * 48-hour window; pictures go up through mss/media_upload and are sent by media_id, pictures people
 * send are fetched with mss/msget. The desk's public answers to a mention go in the post's comment
 * thread (comments/create, comments/reply), and a comment that exposed a secret is removed with
 * comments/destroy where Weibo allows it. Settings: apiRoot, uploadApiRoot, openApiRoot, account
 * (the Weibo account's name, for the official-channel registry). Secrets: appSecret, accessToken.
 */
export const weiboAdapter: ChannelAdapter = {
  kind: 'weibo',
  capabilities: {
    richText: false,
    images: true,
    files: false,
    replyWindowSeconds: 48 * 3600,
    maxTextLength: 300,
    canDelete: true,
  },

  prepareSettings({ settings, secrets }) {
    if (!secrets.appSecret)
      throw new AppError('validation_failed', { detail: 'secrets.appSecret: required' });
    if (!secrets.accessToken)
      throw new AppError('validation_failed', { detail: 'secrets.accessToken: required' });
    return { settings, secrets };
  },

  async receive(delivery, channel, env): Promise<ReceiveResult> {
    const q = delivery.query;
    if (!q.signature || !q.timestamp || !q.nonce || !/^\d{1,13}$/.test(q.timestamp)) {
      return { ok: false, status: 401, reason: 'missing signature parameters' };
    }
    if (!safeEqual(q.signature, sha1Signature(channel.secrets.appSecret!, q.timestamp, q.nonce))) {
      return { ok: false, status: 401, reason: 'signature does not match' };
    }
    // Weibo sends milliseconds; seconds are accepted too.
    const ts = Number(q.timestamp);
    const seconds = ts > 1e11 ? ts / 1000 : ts;
    if (Math.abs(env.now().getTime() / 1000 - seconds) > MAX_AGE_SECONDS) {
      return { ok: false, status: 401, reason: 'timestamp outside the five-minute window' };
    }
    if (delivery.method === 'GET') {
      return {
        ok: true,
        messages: [],
        response: { status: 200, contentType: 'text/plain', body: q.echostr ?? '' },
      };
    }
    let push: Record<string, unknown>;
    try {
      push = JSON.parse(delivery.rawBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { ok: false, status: 400, reason: 'body is not JSON' };
    }
    const message = messageOf(push);
    // An empty answer: no passive reply, and Weibo does not retry.
    return {
      ok: true,
      // Weibo's signature covers only the timestamp and nonce: the core binds them to this body.
      replayKey: `${q.timestamp}:${q.nonce}`,
      messages: message ? [message] : [],
      response: { status: 200, contentType: 'text/plain', body: '' },
      // A private message may be answered in the response itself (发送被动响应消息): the account
      // (the push's receiver) sends, the person (its sender) receives, `data` is the URL-encoded
      // JSON of the text.
      ...(message && !message.isPublic
        ? {
            passiveReply: (text: string) => ({
              status: 200,
              contentType: 'application/json',
              body: JSON.stringify({
                result: true,
                sender_id: String(push.receiver_id ?? ''),
                receiver_id: String(push.sender_id),
                type: 'text',
                data: encodeURIComponent(JSON.stringify({ text })),
              }),
            }),
          }
        : {}),
    };
  },

  async send(reply, channel): Promise<SendResult> {
    // A public answer goes in a post's comment thread (see publicThread).
    const post = /^status:(\d+)$/.exec(reply.chatId);
    if (post) return comment(channel, post[1]!, reply);
    if (reply.text) {
      const sent = await sendMessage(channel, reply, 'text', { text: reply.text });
      if (!sent.ok) return sent;
    }
    let last: SendResult = { ok: true, platformMessageId: null };
    for (const image of reply.images) {
      const uploaded = await uploadImage(channel, image);
      if (!uploaded.ok) return uploaded;
      last = await sendMessage(channel, reply, 'image', { media_id: uploaded.mediaId });
      if (!last.ok) return last;
    }
    return last;
  },

  async fetchFile(file, channel) {
    const url = new URL('/2/mss/msget', uploadRootOf(channel));
    url.searchParams.set('access_token', channel.secrets.accessToken!);
    url.searchParams.set('fid', file.ref);
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    // An error comes back as JSON; a picture as its bytes.
    if (!res.ok || !res.body || /json/.test(res.headers.get('content-type') ?? '')) {
      throw new Error(`msget failed: HTTP ${res.status}`);
    }
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  },

  /**
   * A mention in a post is answered with a comment on that post; a mention in a comment, in the
   * comment's thread (comments/show_batch names its post). A push without the post or comment id
   * is answered as a private message.
   */
  async publicThread(message, channel) {
    const [kind, id] = message.platformMessageId.split(':');
    if (kind === 'status' && id) return { chatId: `status:${id}`, replyTo: null };
    if (kind !== 'comment' || !id) return { chatId: message.chatId, replyTo: null };
    const url = new URL('/2/comments/show_batch.json', openApiRootOf(channel));
    url.searchParams.set('access_token', channel.secrets.accessToken!);
    url.searchParams.set('cids', id);
    const answer = await call(url.href, { method: 'GET' });
    if (!answer.ok) return null;
    const found = (answer.body as unknown as { status?: { id?: unknown } }[])[0]?.status?.id;
    if (typeof found !== 'number' && typeof found !== 'string') return null;
    return { chatId: `status:${found}`, replyTo: `comment:${id}` };
  },

  /**
   * comments/destroy removes a comment; Weibo refuses comments the account may not remove (its
   * documentation promises only the account's own; a comment under the account's own post is
   * tried too). A mention in someone's post cannot be removed by the desk.
   */
  async deleteMessage(_chatId, platformMessageId, channel) {
    const [kind, id] = platformMessageId.split(':');
    if (kind !== 'comment' || !id) return false;
    const answer = await call(`${openApiRootOf(channel)}/2/comments/destroy.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: channel.secrets.accessToken!, cid: id }).toString(),
    });
    return answer.ok;
  },

  async test(channel) {
    // The open API names the account the access token belongs to (or says why it does not).
    const answer = await call(`${openApiRootOf(channel)}/2/account/get_uid.json`, {
      headers: { authorization: `OAuth2 ${channel.secrets.accessToken}` },
    });
    if (!answer.ok) return { ok: false, detail: answer.detail };
    return { ok: true, detail: `uid ${String(answer.body.uid ?? '?')}` };
  },

  officialAccounts(channel) {
    const account = typeof channel.settings.account === 'string' ? channel.settings.account : null;
    return account ? [{ kind: 'weibo', value: account.replace(/^@/, ''), name: channel.name }] : [];
  },
};

function apiRootOf(channel: ChannelRecord): string {
  return typeof channel.settings.apiRoot === 'string' ? channel.settings.apiRoot : DEFAULT_API_ROOT;
}

function uploadRootOf(channel: ChannelRecord): string {
  return typeof channel.settings.uploadApiRoot === 'string'
    ? channel.settings.uploadApiRoot
    : DEFAULT_UPLOAD_ROOT;
}

function openApiRootOf(channel: ChannelRecord): string {
  return typeof channel.settings.openApiRoot === 'string'
    ? channel.settings.openApiRoot
    : DEFAULT_OPEN_API_ROOT;
}

/**
 * A public answer in a post's comments: a reply to the comment it answers (comments/reply), else
 * a new comment on the post (comments/create), in as many comments as the 140-character limit asks.
 */
async function comment(channel: ChannelRecord, statusId: string, reply: OutboundReply): Promise<SendResult> {
  const cid = reply.replyToPlatformMessageId?.startsWith('comment:')
    ? reply.replyToPlatformMessageId.slice('comment:'.length)
    : null;
  let last: SendResult = { ok: true, platformMessageId: null };
  for (const part of commentParts(reply.text)) {
    const form = new URLSearchParams({
      access_token: channel.secrets.accessToken!,
      id: statusId,
      comment: part,
    });
    if (cid) form.set('cid', cid);
    const answer = await call(`${openApiRootOf(channel)}/2/comments/${cid ? 'reply' : 'create'}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (!answer.ok) return answer;
    const { id } = answer.body;
    last = { ok: true, platformMessageId: id === undefined ? null : `comment:${id}` };
  }
  return last;
}

/** Weibo's count: a CJK character (or full-width sign) is one, anything else half. */
function unitsOf(ch: string): number {
  return /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.5;
}

/** Splits a text into comments of at most MAX_COMMENT_UNITS, at a space where there is one. */
function commentParts(text: string): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest) {
    let cut = 0;
    let units = 0;
    for (const ch of rest) {
      units += unitsOf(ch);
      if (units > MAX_COMMENT_UNITS) break;
      cut += ch.length;
    }
    if (cut >= rest.length) {
      parts.push(rest);
      break;
    }
    const space = rest.lastIndexOf(' ', cut);
    const at = space > cut / 2 ? space : cut;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  return parts;
}

type WeiboAnswer = {
  error_code?: number;
  error?: string;
  id?: number | string;
  media_id?: unknown;
  uid?: number | string;
};

/** A private message through messages/reply.json (form-encoded; `data` is the type's JSON). */
async function sendMessage(
  channel: ChannelRecord,
  reply: OutboundReply,
  type: 'text' | 'image',
  data: Record<string, unknown>,
): Promise<SendResult> {
  const form = new URLSearchParams({
    access_token: channel.secrets.accessToken!,
    type,
    data: JSON.stringify(data),
    receiver_id: reply.chatId,
  });
  const answer = await call(`${apiRootOf(channel)}/2/messages/reply.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (!answer.ok) return answer;
  const { id } = answer.body;
  return { ok: true, platformMessageId: id === undefined ? null : String(id) };
}

/** mss/media_upload.json: multipart, the file in `media`, the token in the OAuth2 header. */
async function uploadImage(
  channel: ChannelRecord,
  image: OutboundReply['images'][number],
): Promise<{ ok: true; mediaId: string } | Extract<SendResult, { ok: false }>> {
  if (image.data.length > MAX_IMAGE_BYTES) {
    return { ok: false, reason: 'too_long', retryable: false, detail: `${image.fileName}: over 1 MB` };
  }
  const url = new URL('/2/mss/media_upload.json', uploadRootOf(channel));
  url.searchParams.set('type', 'image');
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(image.data)], { type: image.contentType }), image.fileName);
  const answer = await call(url.href, {
    method: 'POST',
    headers: { authorization: `OAuth2 ${channel.secrets.accessToken}` },
    body: form,
  });
  if (!answer.ok) return answer;
  const mediaId = answer.body.media_id;
  if ((typeof mediaId !== 'string' && typeof mediaId !== 'number') || mediaId === '') {
    return { ok: false, reason: 'platform_error', retryable: false, detail: 'upload gave no media_id' };
  }
  return { ok: true, mediaId: String(mediaId) };
}

/** One API call; Weibo's errors ({ error_code, error }) become the desk's refusal reasons. */
async function call(
  url: string,
  init: RequestInit,
): Promise<{ ok: true; body: WeiboAnswer } | Extract<SendResult, { ok: false }>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
  }
  const body = (await res.json().catch(() => ({}))) as WeiboAnswer;
  if (res.ok && body.error_code === undefined) return { ok: true, body };
  const detail = `HTTP ${res.status} ${body.error_code ?? ''} ${body.error ?? ''}`.trim();
  if (res.status >= 500) return { ok: false, reason: 'platform_error', retryable: true, detail };
  if (res.status === 429 || /limit|频/i.test(body.error ?? '')) {
    return { ok: false, reason: 'rate_limited', retryable: true, detail };
  }
  if (/quota|配额|expired|过期/i.test(body.error ?? ''))
    return { ok: false, reason: 'window_closed', retryable: false, detail };
  if (/unfollow|取消关注|block|屏蔽/i.test(body.error ?? ''))
    return { ok: false, reason: 'blocked', retryable: false, detail };
  // 20006: image size too large.
  if (body.error_code === 20006) return { ok: false, reason: 'too_long', retryable: false, detail };
  return { ok: false, reason: 'platform_error', retryable: false, detail };
}

function messageOf(push: Record<string, unknown>): InboundMessage | null {
  const sender = push.sender_id;
  if (typeof sender !== 'number' && typeof sender !== 'string') return null;
  const senderId = String(sender);
  const text = typeof push.text === 'string' ? push.text : '';
  const created = typeof push.created_at === 'string' ? push.created_at : '';
  // Pushes carry no message id of their own: the sender, the time and the content identify a retry.
  const id =
    push.id !== undefined
      ? String(push.id)
      : `${senderId}:${createHash('sha1').update(`${created}\n${push.type}\n${text}`).digest('hex').slice(0, 20)}`;
  const sentAt = Number.isNaN(Date.parse(created))
    ? new Date().toISOString()
    : new Date(created).toISOString();
  const from = { platformUserId: senderId, displayName: null, privateChatId: senderId };
  switch (push.type) {
    case 'text':
    case 'image':
    case 'voice': {
      // An image push names the picture twice: vfid for the sender, tovfid for the receiver (us).
      const data = (push.data ?? {}) as Record<string, unknown>;
      const fid = push.type === 'image' ? (data.tovfid ?? data.vfid) : undefined;
      const picture = typeof fid === 'number' || typeof fid === 'string' ? String(fid) : null;
      return {
        platformMessageId: id,
        chatId: senderId,
        isPublic: false,
        from,
        text:
          push.type === 'text'
            ? text
            : picture
              ? ''
              : `[${push.type === 'image' ? '图片 image' : '语音 voice'}]`,
        files: picture ? [{ ref: picture, kind: 'image', fileName: 'weibo-image' }] : [],
        addressed: true,
        sentAt,
      };
    }
    case 'mention': {
      // An @mention in a post or a comment: public. `data.subtype` says which, `data.key` is its
      // id, which is also the message's own id (the public answer and the removal use it).
      const data = (push.data ?? {}) as Record<string, unknown>;
      const key = typeof data.key === 'number' || typeof data.key === 'string' ? String(data.key) : null;
      const where = data.subtype === 'comment' ? 'comment' : data.subtype === 'status' ? 'status' : null;
      return {
        platformMessageId: key && where ? `${where}:${key}` : id,
        chatId: senderId,
        isPublic: true,
        from,
        text,
        files: [],
        addressed: true,
        sentAt,
      };
    }
    default:
      return null; // follow/unfollow/menu events and unknown types are ignored, as Weibo asks
  }
}
