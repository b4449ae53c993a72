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
import { accessToken, apiRootOf, callWechat } from './api.ts';
import { decryptMessage, encryptMessage, sha1Signature } from './crypto.ts';
import { parseFlatXml, toXml } from './xml.ts';

const MAX_AGE_SECONDS = 300;
/** The platform's limit for a temporary image (PNG, JPEG, GIF). */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * A WeChat Official Account (公众号) in developer mode. The server URL is the channel's inbound URL:
 * GET is the echo check, POST the message push, both signed with the Token; plaintext and safe
 * mode (AES with the EncodingAESKey) are understood. Agent replies go through the customer-service
 * message API within the 48-hour window, with the access token cached in the database; pictures
 * are uploaded as temporary media and sent as image messages.
 * Settings: appId, apiRoot, welcomeText, account (the WeChat ID people search for). Secrets: token, appSecret, encodingAESKey (safe mode).
 */
export const wechatAdapter: ChannelAdapter = {
  kind: 'wechat',
  capabilities: {
    richText: false,
    images: true,
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
    // With an EncodingAESKey the account is in safe (or compatible) mode and every push is
    // encrypted: a plaintext one is a forgery that leaves encrypt_type out to skip the message
    // signature (#20.10).
    if (!safe && channel.secrets.encodingAESKey) {
      return { ok: false, status: 401, reason: 'plaintext push refused: the channel is in safe mode' };
    }
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
      return {
        ok: true,
        messages: [],
        response: passive(reply, safe, channel, env),
        replayKey: `${q.timestamp}:${q.nonce}`,
      };
    }
    // "success": WeChat stops retrying and shows nothing; the answer follows through the API.
    const message = parsed && parsed !== 'subscribe' ? parsed : null;
    return {
      ok: true,
      replayKey: `${q.timestamp}:${q.nonce}`,
      messages: message ? [message] : [],
      response: { status: 200, contentType: 'text/plain', body: 'success' },
      // The core may answer this message at once, in the response (the passive reply, 5 seconds).
      ...(message
        ? {
            passiveReply: (text: string) =>
              passive(
                toXml({
                  ToUserName: fields.FromUserName ?? '',
                  FromUserName: fields.ToUserName ?? '',
                  CreateTime: Math.floor(env.now().getTime() / 1000),
                  MsgType: 'text',
                  Content: text,
                }),
                safe,
                channel,
                env,
              ),
          }
        : {}),
    };
  },

  async send(reply, channel, env): Promise<SendResult> {
    if (reply.text) {
      const sent = await callWechat(channel, env, '/cgi-bin/message/custom/send', () =>
        jsonBody({ touser: reply.chatId, msgtype: 'text', text: { content: reply.text } }),
      );
      if (!sent.ok) return sent;
    }
    for (const image of reply.images) {
      // A picture goes up as temporary media first (kept three days); the message names its media_id.
      if (image.data.length > MAX_IMAGE_BYTES) {
        return { ok: false, reason: 'too_long', retryable: false, detail: `${image.fileName}: over 10 MB` };
      }
      const uploaded = await callWechat(
        channel,
        env,
        '/cgi-bin/media/upload',
        () => {
          const form = new FormData();
          form.append(
            'media',
            new Blob([new Uint8Array(image.data)], { type: image.contentType }),
            image.fileName,
          );
          return { method: 'POST', body: form };
        },
        { type: 'image' },
      );
      if (!uploaded.ok) return uploaded;
      const mediaId = uploaded.body.media_id;
      if (typeof mediaId !== 'string' || !mediaId) {
        return { ok: false, reason: 'platform_error', retryable: false, detail: 'upload gave no media_id' };
      }
      const sent = await callWechat(channel, env, '/cgi-bin/message/custom/send', () =>
        jsonBody({ touser: reply.chatId, msgtype: 'image', image: { media_id: mediaId } }),
      );
      if (!sent.ok) return sent;
    }
    return { ok: true, platformMessageId: null };
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

  async test(channel, env) {
    // A cached token would hide a changed AppSecret or IP allow-list: the check asks for a new one.
    await env.tokens.forget(channel.id);
    try {
      await accessToken(channel, env);
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
    const answer = await callWechat(channel, env, '/cgi-bin/get_api_domain_ip', () => ({ method: 'GET' }));
    if (!answer.ok) return { ok: false, detail: answer.detail };
    return { ok: true, detail: `AppID ${String(channel.settings.appId)}` };
  },

  officialAccounts(channel) {
    const account = typeof channel.settings.account === 'string' ? channel.settings.account : null;
    return account ? [{ kind: 'wechat', value: account, name: channel.name }] : [];
  },
};

function jsonBody(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
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
