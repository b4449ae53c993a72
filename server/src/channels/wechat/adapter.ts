import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { safeEqual } from '../../identity/secrets.ts';
import { AppError } from '../../platform/errors.ts';
import type {
  AdapterEnv,
  ChannelAdapter,
  ChannelRecord,
  InboundMessage,
  ReceiveResult,
  SendResult,
} from '../adapter.ts';
import { decryptMessage, encryptMessage, sha1Signature } from './crypto.ts';
import { parseFlatXml, toXml } from './xml.ts';

const DEFAULT_API_ROOT = 'https://api.weixin.qq.com';
const MAX_AGE_SECONDS = 300;

/**
 * A WeChat Official Account (公众号) in developer mode. The server URL is the channel's inbound URL:
 * GET is the echo check, POST the message push, both signed with the Token; plaintext and safe
 * mode (AES with the EncodingAESKey) are understood. Agent replies go through the customer-service
 * message API within the 48-hour window, with the access token cached in the database.
 * Settings: appId, apiRoot, welcomeText. Secrets: token, appSecret, encodingAESKey (safe mode).
 */
export const wechatAdapter: ChannelAdapter = {
  kind: 'wechat',
  capabilities: {
    richText: false,
    images: false,
    files: false,
    replyWindowSeconds: 48 * 3600,
    maxTextLength: 600,
    canDelete: false,
  },

  prepareSettings({ settings, secrets }) {
    if (typeof settings.appId !== 'string' || !/^wx[0-9a-zA-Z]{6,32}$/.test(settings.appId)) {
      throw new AppError('validation_failed', { detail: 'settings.appId: the AppID (wx…)' });
    }
    if (!secrets.appSecret)
      throw new AppError('validation_failed', { detail: 'secrets.appSecret: required' });
    if (secrets.encodingAESKey !== undefined && !/^[A-Za-z0-9]{43}$/.test(secrets.encodingAESKey)) {
      throw new AppError('validation_failed', { detail: 'secrets.encodingAESKey: 43 letters and digits' });
    }
    return {
      settings,
      secrets: { ...secrets, token: secrets.token ?? randomBytes(16).toString('hex') },
    };
  },

  async receive(delivery, channel, env): Promise<ReceiveResult> {
    const q = delivery.query;
    const token = channel.secrets.token!;
    if (!q.signature || !q.timestamp || !q.nonce || !/^\d{1,12}$/.test(q.timestamp)) {
      return { ok: false, status: 401, reason: 'missing signature parameters' };
    }
    if (!safeEqual(q.signature, sha1Signature(token, q.timestamp, q.nonce))) {
      return { ok: false, status: 401, reason: 'signature does not match' };
    }
    if (Math.abs(env.now().getTime() / 1000 - Number(q.timestamp)) > MAX_AGE_SECONDS) {
      return { ok: false, status: 401, reason: 'timestamp outside the five-minute window' };
    }
    if (delivery.method === 'GET') {
      return {
        ok: true,
        messages: [],
        response: { status: 200, contentType: 'text/plain', body: q.echostr ?? '' },
      };
    }
    const appId = String(channel.settings.appId);
    const outer = parseFlatXml(delivery.rawBody.toString('utf8'));
    if (!outer) return { ok: false, status: 400, reason: 'body is not the expected XML' };
    let fields = outer;
    const safe = q.encrypt_type === 'aes';
    if (safe) {
      const key = channel.secrets.encodingAESKey;
      const encrypted = outer.Encrypt;
      if (!key || !encrypted || !q.msg_signature)
        return { ok: false, status: 400, reason: 'safe mode not set up' };
      if (!safeEqual(q.msg_signature, sha1Signature(token, q.timestamp, q.nonce, encrypted))) {
        return { ok: false, status: 401, reason: 'message signature does not match' };
      }
      try {
        fields = parseFlatXml(decryptMessage(key, encrypted, appId)) ?? {};
      } catch {
        return { ok: false, status: 400, reason: 'cannot decrypt' };
      }
    }
    const parsed = messageOf(fields);
    const welcome = typeof channel.settings.welcomeText === 'string' ? channel.settings.welcomeText : null;
    if (parsed === 'subscribe' && welcome) {
      const reply = toXml({
        ToUserName: fields.FromUserName ?? '',
        FromUserName: fields.ToUserName ?? '',
        CreateTime: Math.floor(env.now().getTime() / 1000),
        MsgType: 'text',
        Content: welcome,
      });
      return { ok: true, messages: [], response: passive(reply, safe, channel, env) };
    }
    // "success": WeChat stops retrying and shows nothing; the answer follows through the API.
    return {
      ok: true,
      messages: parsed && parsed !== 'subscribe' ? [parsed] : [],
      response: { status: 200, contentType: 'text/plain', body: 'success' },
    };
  },

  async send(reply, channel, env): Promise<SendResult> {
    const body = JSON.stringify({ touser: reply.chatId, msgtype: 'text', text: { content: reply.text } });
    for (let attempt = 0; attempt < 2; attempt++) {
      let token: string;
      try {
        token = await accessToken(channel, env);
      } catch (err) {
        return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
      }
      let answer: { errcode?: number; errmsg?: string };
      try {
        const res = await fetch(`${apiRootOf(channel)}/cgi-bin/message/custom/send?access_token=${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status >= 500)
          return { ok: false, reason: 'platform_error', retryable: true, detail: `HTTP ${res.status}` };
        answer = (await res.json()) as typeof answer;
      } catch (err) {
        return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
      }
      const code = answer.errcode ?? 0;
      if (code === 0) return { ok: true, platformMessageId: null };
      const detail = `${code} ${answer.errmsg ?? ''}`;
      // The cached token was revoked or expired early (another system fetched a new one): refresh once.
      if ((code === 40001 || code === 40014 || code === 42001) && attempt === 0) {
        await env.tokens.forget(channel.id);
        continue;
      }
      if (code === 45015 || code === 45047)
        return { ok: false, reason: 'window_closed', retryable: false, detail };
      if (code === 43004 || code === 43019) return { ok: false, reason: 'blocked', retryable: false, detail };
      if (code === 45009 || code === -1)
        return { ok: false, reason: 'rate_limited', retryable: true, detail };
      if (code === 45002) return { ok: false, reason: 'too_long', retryable: false, detail };
      return { ok: false, reason: 'platform_error', retryable: false, detail };
    }
    return { ok: false, reason: 'platform_error', retryable: true, detail: 'access token refused twice' };
  },

  async fetchFile(file, channel, env) {
    const token = await accessToken(channel, env);
    const res = await fetch(
      `${apiRootOf(channel)}/cgi-bin/media/get?access_token=${token}&media_id=${encodeURIComponent(file.ref)}`,
      { signal: AbortSignal.timeout(30_000) },
    );
    if (!res.ok || !res.body || /json/.test(res.headers.get('content-type') ?? '')) {
      throw new Error(`media download failed: HTTP ${res.status}`);
    }
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  },
};

function apiRootOf(channel: ChannelRecord): string {
  return typeof channel.settings.apiRoot === 'string' ? channel.settings.apiRoot : DEFAULT_API_ROOT;
}

/** The access token: from the shared cache, else fetched (and cached for its lifetime). */
async function accessToken(channel: ChannelRecord, env: AdapterEnv): Promise<string> {
  const cached = await env.tokens.get(channel.id);
  if (cached) return cached;
  const url = new URL('/cgi-bin/token', apiRootOf(channel));
  url.searchParams.set('grant_type', 'client_credential');
  url.searchParams.set('appid', String(channel.settings.appId));
  url.searchParams.set('secret', channel.secrets.appSecret!);
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
  if (!body.access_token) throw new Error(`token refused: ${body.errcode ?? res.status}`);
  await env.tokens.put(
    channel.id,
    body.access_token,
    new Date(env.now().getTime() + (body.expires_in ?? 7200) * 1000),
  );
  return body.access_token;
}

function passive(xml: string, safe: boolean, channel: ChannelRecord, env: AdapterEnv) {
  if (!safe) return { status: 200, contentType: 'application/xml', body: xml };
  const timestamp = String(Math.floor(env.now().getTime() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const encrypted = encryptMessage(channel.secrets.encodingAESKey!, xml, String(channel.settings.appId));
  const signature = sha1Signature(channel.secrets.token!, timestamp, nonce, encrypted);
  return {
    status: 200,
    contentType: 'application/xml',
    body: toXml({ Encrypt: encrypted, MsgSignature: signature, TimeStamp: Number(timestamp), Nonce: nonce }),
  };
}

/** A push in the desk's words; 'subscribe' for a new follower; null for what the desk ignores. */
function messageOf(f: Record<string, string>): InboundMessage | 'subscribe' | null {
  const openId = f.FromUserName;
  if (!openId) return null;
  const base = {
    chatId: openId,
    isPublic: false,
    from: { platformUserId: openId, displayName: null, privateChatId: openId },
    addressed: true,
    sentAt: new Date(Number(f.CreateTime ?? 0) * 1000).toISOString(),
  };
  switch (f.MsgType) {
    case 'text':
      return {
        ...base,
        platformMessageId: f.MsgId ?? `${openId}:${f.CreateTime}`,
        text: f.Content ?? '',
        files: [],
      };
    case 'image':
      return {
        ...base,
        platformMessageId: f.MsgId ?? `${openId}:${f.CreateTime}`,
        text: '',
        files: f.MediaId ? [{ ref: f.MediaId, kind: 'image', fileName: 'wechat-image' }] : [],
      };
    case 'event':
      if (f.Event === 'subscribe') return 'subscribe';
      if (f.Event === 'CLICK') {
        return {
          ...base,
          platformMessageId: `${openId}:${f.CreateTime}:click`,
          text: `[菜单 menu] ${f.EventKey ?? ''}`,
          files: [],
        };
      }
      return null;
    default:
      return null;
  }
}
