import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import type { ChannelAdapter, InboundFile, InboundMessage, RefusalReason, SendResult } from '../adapter.ts';
import { DestinationRefused, safePost } from '../safe-http.ts';
import { signatureHeaders, verifySignature } from './signature.ts';

const REASONS: RefusalReason[] = ['window_closed', 'blocked', 'rate_limited', 'not_found', 'too_long'];

/**
 * Any platform wired through a small relay: signed JSON in, signed JSON out (docs/channels.md).
 * Settings: outboundUrl, allowPrivateAddresses (default false), maxTextLength. Secret: signingSecret.
 */
export const webhookAdapter: ChannelAdapter = {
  kind: 'webhook',
  capabilities: {
    richText: false,
    images: true,
    files: true,
    replyWindowSeconds: null,
    maxTextLength: 4000,
    canDelete: false,
  },

  prepareSettings({ settings, secrets }) {
    const url = settings.outboundUrl;
    if (url !== undefined && url !== null) {
      let parsed: URL;
      try {
        parsed = new URL(String(url));
      } catch {
        throw new AppError('validation_failed', { detail: 'settings.outboundUrl: not a URL' });
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new AppError('validation_failed', { detail: 'settings.outboundUrl: http(s) only' });
      }
    }
    if (settings.allowPrivateAddresses !== undefined && typeof settings.allowPrivateAddresses !== 'boolean') {
      throw new AppError('validation_failed', { detail: 'settings.allowPrivateAddresses: true or false' });
    }
    const signingSecret = secrets.signingSecret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    if (signingSecret.length < 24) {
      throw new AppError('validation_failed', { detail: 'secrets.signingSecret: at least 24 characters' });
    }
    return {
      settings: {
        ...settings,
        outboundUrl: url ? String(url) : null,
        allowPrivateAddresses: settings.allowPrivateAddresses === true,
      },
      secrets: { ...secrets, signingSecret },
    };
  },

  async receive(delivery, channel, env) {
    if (delivery.method !== 'POST') return { ok: false, status: 400, reason: 'POST only' };
    const verdict = verifySignature(
      channel.secrets.signingSecret!,
      delivery.headers,
      delivery.rawBody,
      env.now(),
    );
    if (!verdict.ok) return { ok: false, status: 401, reason: verdict.reason };
    let parsed: unknown;
    try {
      parsed = JSON.parse(delivery.rawBody.toString('utf8'));
    } catch {
      return { ok: false, status: 400, reason: 'body is not JSON' };
    }
    const list = isObject(parsed) && Array.isArray(parsed.messages) ? parsed.messages : [parsed];
    const messages: InboundMessage[] = [];
    for (const item of list) {
      const message = parseMessage(item, env.now());
      if (!message) return { ok: false, status: 400, reason: 'a message lacks id, chat.id, from.id or text' };
      messages.push(message);
    }
    return { ok: true, messages };
  },

  async test(channel, env) {
    const url = channel.settings.outboundUrl;
    if (typeof url !== 'string') return { ok: true, detail: 'inbound only (no outboundUrl)' };
    // A signed ping the relay answers with 2xx (docs/channels.md); it carries no message.
    const body = JSON.stringify({ type: 'ping' });
    try {
      const res = await safePost(
        new URL(url),
        body,
        signatureHeaders(channel.secrets.signingSecret!, body, env.now()),
        { allowPrivate: channel.settings.allowPrivateAddresses === true, timeoutMs: 10_000 },
      );
      if (res.status >= 200 && res.status < 300) return { ok: true, detail: `HTTP ${res.status}` };
      return { ok: false, detail: `HTTP ${res.status} ${res.body.slice(0, 200)}`.trim() };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  },

  // Files come inline (base64) in the signed body: nothing to fetch from an address someone typed.
  async fetchFile(file) {
    return Readable.from([Buffer.from(file.ref, 'base64')]);
  },

  async send(reply, channel, env): Promise<SendResult> {
    const url = channel.settings.outboundUrl;
    if (typeof url !== 'string') {
      return {
        ok: false,
        reason: 'destination_refused',
        retryable: false,
        detail: 'no outboundUrl configured',
      };
    }
    const body = JSON.stringify({
      type: 'reply',
      chatId: reply.chatId,
      text: reply.text,
      replyTo: reply.replyToPlatformMessageId,
      images: reply.images.map((i) => ({
        fileName: i.fileName,
        contentType: i.contentType,
        data: i.data.toString('base64'),
      })),
    });
    try {
      const res = await safePost(
        new URL(url),
        body,
        signatureHeaders(channel.secrets.signingSecret!, body, env.now()),
        {
          allowPrivate: channel.settings.allowPrivateAddresses === true,
          timeoutMs: 10_000,
        },
      );
      const answer = safeJson(res.body);
      if (res.status >= 200 && res.status < 300) {
        return { ok: true, platformMessageId: typeof answer?.id === 'string' ? answer.id : null };
      }
      const named = REASONS.find((r) => r === answer?.error);
      if (res.status === 429 || named === 'rate_limited') {
        return { ok: false, reason: 'rate_limited', retryable: true, detail: `HTTP ${res.status}` };
      }
      if (res.status >= 500)
        return { ok: false, reason: 'platform_error', retryable: true, detail: `HTTP ${res.status}` };
      return {
        ok: false,
        reason: named ?? 'platform_error',
        retryable: false,
        detail: `HTTP ${res.status} ${res.body.slice(0, 200)}`,
      };
    } catch (err) {
      if (err instanceof DestinationRefused) {
        return { ok: false, reason: 'destination_refused', retryable: false, detail: err.message };
      }
      return { ok: false, reason: 'unreachable', retryable: true, detail: (err as Error).message };
    }
  },
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

function str(v: unknown, max: number): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= max
    ? v
    : typeof v === 'number'
      ? String(v)
      : null;
}

const MAX_FILES = 5;

function filesOf(value: unknown): InboundFile[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_FILES)
    .filter((f): f is { name?: unknown; data: string } => isObject(f) && typeof f.data === 'string')
    .map((f) => ({
      ref: f.data,
      kind: 'file' as const,
      fileName: typeof f.name === 'string' ? f.name : null,
    }));
}

function parseMessage(item: unknown, now: Date): InboundMessage | null {
  if (!isObject(item) || !isObject(item.chat) || !isObject(item.from)) return null;
  const id = str(item.id, 200);
  const chatId = str(item.chat.id, 200);
  const userId = str(item.from.id, 200);
  const text = typeof item.text === 'string' ? item.text.slice(0, 20_000) : null;
  if (!id || !chatId || !userId || text === null) return null;
  const isPublic = item.chat.public === true;
  return {
    platformMessageId: id,
    chatId,
    isPublic,
    from: {
      platformUserId: userId,
      displayName: str(item.from.name, 200),
      privateChatId: str(item.from.privateChatId, 200) ?? (isPublic ? null : chatId),
    },
    text,
    files: filesOf(item.files),
    addressed: !isPublic || item.addressed === true,
    sentAt: typeof item.sentAt === 'string' ? item.sentAt : now.toISOString(),
  };
}
