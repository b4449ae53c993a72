import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { safeEqual } from '../../identity/secrets.ts';
import { AppError } from '../../platform/errors.ts';
import type { ChannelAdapter, ChannelRecord, SendResult } from '../adapter.ts';
import { type BotIdentity, messageFromUpdate, telegramMessageId } from './parse.ts';
import { startTelegramPolling } from './polling.ts';

const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** A rate limit asking us to wait longer than this is handed back to the queue instead. */
const MAX_INLINE_WAIT_SECONDS = 30;

export function apiRootOf(channel: ChannelRecord): string {
  return typeof channel.settings.apiRoot === 'string' ? channel.settings.apiRoot : DEFAULT_API_ROOT;
}

export function botApi(channel: ChannelRecord): Api {
  return new Api(channel.secrets.botToken!, { apiRoot: apiRootOf(channel), timeoutSeconds: 30 });
}

export function identityOf(channel: Pick<ChannelRecord, 'settings'>): BotIdentity {
  return {
    botId: typeof channel.settings.botId === 'number' ? channel.settings.botId : null,
    botUsername: typeof channel.settings.botUsername === 'string' ? channel.settings.botUsername : null,
    supportGroupId:
      typeof channel.settings.supportGroupId === 'number' ? channel.settings.supportGroupId : null,
  };
}

/** The official support group's @username (without "@"), when one is configured. */
function supportGroupOf(channel: Pick<ChannelRecord, 'settings'>): string | null {
  const group = channel.settings.supportGroup;
  return typeof group === 'string' && group ? group.replace(/^@/, '') : null;
}

/**
 * A Telegram bot through grammY's API client. Webhook mode: Telegram posts each update to the
 * channel's inbound URL with the secret token header; polling mode (local development) pulls them.
 * Settings: mode ('webhook' | 'polling'), apiRoot (a local Bot API server or a test stand-in),
 * supportGroup (the official group's @username: there the bot also answers common questions).
 * Secrets: botToken (from BotFather), webhookSecret (generated).
 */
export const telegramAdapter: ChannelAdapter = {
  kind: 'telegram',
  capabilities: {
    richText: false,
    images: true,
    files: true,
    replyWindowSeconds: null,
    maxTextLength: 4096,
    canDelete: true,
  },

  prepareSettings({ settings, secrets }) {
    if (!secrets.botToken || !/^\d+:[\w-]{20,}$/.test(secrets.botToken)) {
      throw new AppError('validation_failed', { detail: 'secrets.botToken: the token BotFather gave' });
    }
    const mode = settings.mode ?? 'webhook';
    if (mode !== 'webhook' && mode !== 'polling') {
      throw new AppError('validation_failed', { detail: 'settings.mode: webhook or polling' });
    }
    if (
      settings.supportGroup !== undefined &&
      settings.supportGroup !== null &&
      !/^@?[A-Za-z][\w]{3,31}$/.test(String(settings.supportGroup))
    ) {
      throw new AppError('validation_failed', {
        detail: 'settings.supportGroup: the public @username of the official support group',
      });
    }
    if (settings.apiRoot !== undefined && !/^https?:\/\/\S+$/.test(String(settings.apiRoot))) {
      throw new AppError('validation_failed', { detail: 'settings.apiRoot: an http(s) URL' });
    }
    return {
      settings: { ...settings, mode },
      secrets: { ...secrets, webhookSecret: secrets.webhookSecret ?? randomBytes(32).toString('hex') },
    };
  },

  async register(channel, env) {
    const api = botApi(channel);
    const me = await api.getMe();
    // The official support group, given by its public @username: its chat id is learnt here.
    const group = supportGroupOf(channel);
    const supportGroupId = group ? (await api.getChat(`@${group}`)).id : null;
    if (channel.settings.mode === 'polling') {
      await api.deleteWebhook();
    } else {
      await api.setWebhook(env.inboundUrl(channel), {
        secret_token: channel.secrets.webhookSecret!,
        allowed_updates: ['message'],
      });
    }
    return { botId: me.id, botUsername: me.username, supportGroupId };
  },

  async unregister(channel) {
    // Polling never set a webhook; a bot left in webhook mode would keep posting to a dead URL.
    if (channel.settings.mode !== 'polling') await botApi(channel).deleteWebhook();
  },

  async test(channel, env) {
    const api = botApi(channel);
    try {
      const me = await api.getMe();
      if (channel.settings.mode === 'polling') return { ok: true, detail: `@${me.username} (polling)` };
      const hook = await api.getWebhookInfo();
      if (hook.url !== env.inboundUrl(channel)) {
        return {
          ok: false,
          detail: `@${me.username}: the webhook points to ${hook.url || 'nowhere'}; save the channel again`,
        };
      }
      // Telegram keeps the last delivery error it met; within the last day it still matters.
      const recent = hook.last_error_date && env.now().getTime() / 1000 - hook.last_error_date < 86_400;
      if (recent && hook.last_error_message) {
        return {
          ok: false,
          detail: `@${me.username}: Telegram could not deliver: ${hook.last_error_message}`,
        };
      }
      return { ok: true, detail: `@${me.username}` };
    } catch (err) {
      return { ok: false, detail: err instanceof GrammyError ? err.description : (err as Error).message };
    }
  },

  async receive(delivery, channel) {
    const token = delivery.headers['x-telegram-bot-api-secret-token'];
    if (typeof token !== 'string' || !safeEqual(token, channel.secrets.webhookSecret!)) {
      return { ok: false, status: 401, reason: 'secret token header missing or wrong' };
    }
    let update: Update;
    try {
      update = JSON.parse(delivery.rawBody.toString('utf8')) as Update;
    } catch {
      return { ok: false, status: 400, reason: 'body is not JSON' };
    }
    const message = messageFromUpdate(update, identityOf(channel));
    return { ok: true, messages: message ? [message] : [] };
  },

  async send(reply, channel): Promise<SendResult> {
    const api = botApi(channel);
    const replyTo = reply.replyToPlatformMessageId
      ? telegramMessageId(reply.replyToPlatformMessageId, reply.chatId)
      : null;
    let sentId: string | null = null;
    if (reply.text) {
      const sent = await withRateLimit(() =>
        api.sendMessage(reply.chatId, reply.text, {
          ...(replyTo
            ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
            : {}),
        }),
      );
      if (!sent.ok) return sent;
      sentId = `${reply.chatId}:${sent.value.message_id}`;
    }
    for (const image of reply.images) {
      const sent = await withRateLimit(() =>
        api.sendPhoto(reply.chatId, new InputFile(image.data, image.fileName)),
      );
      if (!sent.ok) return sent;
      sentId ??= `${reply.chatId}:${sent.value.message_id}`;
    }
    return { ok: true, platformMessageId: sentId };
  },

  async fetchFile(file, channel) {
    const api = botApi(channel);
    const got = await withRateLimit(() => api.getFile(file.ref));
    if (!got.ok) throw new Error(`getFile refused: ${got.reason}`);
    if (!got.value.file_path) throw new Error('getFile gave no path');
    // The download URL holds the bot token: it is built here and never logged.
    const url = `${apiRootOf(channel)}/file/bot${channel.secrets.botToken}/${got.value.file_path}`;
    const res = await fetch(url);
    if (!res.ok || !res.body) throw new Error(`file download failed: HTTP ${res.status}`);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  },

  async deleteMessage(chatId, platformMessageId, channel) {
    const id = telegramMessageId(platformMessageId, chatId);
    if (id === null) return false;
    const done = await withRateLimit(() => botApi(channel).deleteMessage(chatId, id));
    return done.ok;
  },

  startPulling: (channel, env, deliver) => startTelegramPolling(channel, env, deliver),

  privateChatLink(channel) {
    const { botUsername } = identityOf(channel);
    return botUsername ? `https://t.me/${botUsername}` : null;
  },

  officialAccounts(channel) {
    const { botUsername } = identityOf(channel);
    const group = supportGroupOf(channel);
    return [
      ...(botUsername
        ? [{ kind: 'telegram' as const, value: botUsername, name: `${channel.name} bot` }]
        : []),
      ...(group ? [{ kind: 'telegram' as const, value: group, name: `${channel.name} group` }] : []),
    ];
  },
};

type Attempt<T> = { ok: true; value: T } | Extract<SendResult, { ok: false }>;

/**
 * Calls the Bot API, waiting out a 429 for the `retry_after` Telegram asks when that is short, and
 * turning its errors into the desk's refusal reasons.
 */
export async function withRateLimit<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await call() };
    } catch (err) {
      if (err instanceof GrammyError) {
        const wait = err.parameters.retry_after;
        if (err.error_code === 429) {
          if (wait !== undefined && wait <= MAX_INLINE_WAIT_SECONDS && attempt < 2) {
            await new Promise((r) => setTimeout(r, wait * 1000));
            continue;
          }
          return {
            ok: false,
            reason: 'rate_limited',
            retryable: true,
            detail: `retry after ${wait ?? '?'} s`,
          };
        }
        return refusalOf(err);
      }
      if (err instanceof HttpError)
        return { ok: false, reason: 'unreachable', retryable: true, detail: err.message };
      throw err;
    }
  }
}

function refusalOf(err: GrammyError): Extract<SendResult, { ok: false }> {
  const detail = `${err.error_code} ${err.description}`;
  if (err.error_code === 403) return { ok: false, reason: 'blocked', retryable: false, detail };
  if (/chat not found|user not found/i.test(err.description)) {
    return { ok: false, reason: 'not_found', retryable: false, detail };
  }
  if (/too long/i.test(err.description)) return { ok: false, reason: 'too_long', retryable: false, detail };
  return { ok: false, reason: 'platform_error', retryable: err.error_code >= 500, detail };
}
