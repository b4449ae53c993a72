import { createHash } from 'node:crypto';
import { safeEqual } from '../../identity/secrets.ts';
import { AppError } from '../../platform/errors.ts';
import type { ChannelAdapter, InboundMessage, ReceiveResult, SendResult } from '../adapter.ts';
import { sha1Signature } from '../wechat/crypto.ts';

const DEFAULT_API_ROOT = 'https://m.api.weibo.com';
const MAX_AGE_SECONDS = 300;

/**
 * A Weibo account's fan-service message push (粉丝服务平台, developer mode): GET echo and POST
 * pushes signed with sha1(sorted appSecret, timestamp, nonce); private messages are conversations,
 * @mentions are public. Replies go through messages/reply.json (a private message) within the
 * 48-hour window. Settings: apiRoot. Secrets: appSecret, accessToken (from the fan-service page).
 */
export const weiboAdapter: ChannelAdapter = {
  kind: 'weibo',
  capabilities: {
    richText: false,
    images: false,
    files: false,
    replyWindowSeconds: 48 * 3600,
    maxTextLength: 300,
    canDelete: false,
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
      messages: message ? [message] : [],
      response: { status: 200, contentType: 'text/plain', body: '' },
    };
  },

  async send(reply, channel): Promise<SendResult> {
    const apiRoot =
      typeof channel.settings.apiRoot === 'string' ? channel.settings.apiRoot : DEFAULT_API_ROOT;
    const form = new URLSearchParams({
      access_token: channel.secrets.accessToken!,
      type: 'text',
      data: JSON.stringify({ text: reply.text }),
      receiver_id: reply.chatId,
    });
    let res: Response;
    try {
      res = await fetch(`${apiRoot}/2/messages/reply.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
    }
    const body = (await res.json().catch(() => ({}))) as {
      error_code?: number;
      error?: string;
      id?: number | string;
    };
    if (res.ok && body.error_code === undefined) {
      return { ok: true, platformMessageId: body.id === undefined ? null : String(body.id) };
    }
    const detail = `HTTP ${res.status} ${body.error_code ?? ''} ${body.error ?? ''}`.trim();
    if (res.status >= 500) return { ok: false, reason: 'platform_error', retryable: true, detail };
    if (res.status === 429 || /limit|频/i.test(body.error ?? '')) {
      return { ok: false, reason: 'rate_limited', retryable: true, detail };
    }
    if (/quota|配额|expired|过期/i.test(body.error ?? ''))
      return { ok: false, reason: 'window_closed', retryable: false, detail };
    if (/unfollow|取消关注|block|屏蔽/i.test(body.error ?? ''))
      return { ok: false, reason: 'blocked', retryable: false, detail };
    return { ok: false, reason: 'platform_error', retryable: false, detail };
  },
};

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
    case 'voice':
      return {
        platformMessageId: id,
        chatId: senderId,
        isPublic: false,
        from,
        text: push.type === 'text' ? text : `[${push.type === 'image' ? '图片 image' : '语音 voice'}]`,
        files: [],
        addressed: true,
        sentAt,
      };
    case 'mention':
      // An @mention in a post or comment: public. The reply still goes back as a private message.
      return {
        platformMessageId: id,
        chatId: senderId,
        isPublic: true,
        from,
        text,
        files: [],
        addressed: true,
        sentAt,
      };
    default:
      return null; // follow/unfollow/menu events and unknown types are ignored, as Weibo asks
  }
}
