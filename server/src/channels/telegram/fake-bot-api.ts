import type { ServerResponse } from 'node:http';
import type { TestDesk } from '../../testing/harness.ts';
import { json, type Recorded, startTestServer } from '../test-server.ts';

/** One Bot API call the fake received: its method and parameters (JSON or multipart fields). */
export interface BotCall {
  method: string;
  params: Record<string, unknown>;
  raw: Buffer;
  at: number;
}

type Failure = { error_code: number; description: string; parameters?: { retry_after?: number } };

/**
 * A local stand-in for the Telegram Bot API, configured as the bot's apiRoot in tests. It speaks
 * the methods the adapter uses (getMe, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, sendPhoto, getFile, getChat,
 * deleteMessage, getUpdates) and serves file downloads; failures can be queued per method.
 */
export async function startFakeBotApi(token: string, bot = { id: 7000001, username: 'lumen_support_bot' }) {
  const calls: BotCall[] = [];
  const failures = new Map<string, Failure[]>();
  const files = new Map<string, { path: string; bytes: Buffer }>();
  const updates: unknown[] = [];
  const groups = new Map<string, { id: number; title: string; username: string }>();
  let nextMessageId = 5000;
  /** People who never pressed Start: the bot may not write to them first. */
  const neverStarted = new Set<string>();
  /** Messages removed with deleteMessage, as "<chat id>:<message id>". */
  const deleted = new Set<string>();
  /** Groups where the bot is not an admin (it cannot delete others' messages there). */
  const notAdmin = new Set<string>();
  /** Where setWebhook pointed, and the delivery error Telegram last saw there (getWebhookInfo). */
  let webhook = { url: '', lastError: null as string | null };

  const server = await startTestServer(async (req: Recorded, res: ServerResponse) => {
    const filePrefix = `/file/bot${token}/`;
    if (req.method === 'GET' && req.url.startsWith(filePrefix)) {
      const path = req.url.slice(filePrefix.length);
      const file = [...files.values()].find((f) => f.path === path);
      if (!file) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.bytes);
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url);
    if (!m || m[1] !== token)
      return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const params = parseParams(req);
    calls.push({ method, params, raw: req.body, at: req.at });
    const queued = failures.get(method)?.shift();
    if (queued) return json(res, queued.error_code, { ok: false, ...queued });
    const ok = (result: unknown) => json(res, 200, { ok: true, result });
    const message = () => ({
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(params.chat_id), type: 'private' },
      from: { id: bot.id, is_bot: true, first_name: 'Lumen Support', username: bot.username },
      text: params.text,
    });
    switch (method) {
      case 'getMe':
        return ok({ id: bot.id, is_bot: true, first_name: 'Lumen Support', username: bot.username });
      case 'setWebhook':
        webhook = { url: String(params.url ?? ''), lastError: null };
        return ok(true);
      case 'deleteWebhook':
        webhook = { url: '', lastError: null };
        return ok(true);
      case 'getWebhookInfo':
        return ok({
          url: webhook.url,
          has_custom_certificate: false,
          pending_update_count: 0,
          ...(webhook.lastError
            ? { last_error_date: Math.floor(Date.now() / 1000), last_error_message: webhook.lastError }
            : {}),
        });
      case 'deleteMessage': {
        // As the Bot API: a message goes once; in a group only when the bot may delete there.
        const key = `${params.chat_id}:${params.message_id}`;
        if (!params.chat_id || typeof params.message_id !== 'number')
          return json(res, 400, {
            ok: false,
            error_code: 400,
            description: 'Bad Request: message_id is required',
          });
        if (notAdmin.has(String(params.chat_id)))
          return json(res, 400, {
            ok: false,
            error_code: 400,
            description: "Bad Request: message can't be deleted",
          });
        if (deleted.has(key))
          return json(res, 400, {
            ok: false,
            error_code: 400,
            description: 'Bad Request: message to delete not found',
          });
        deleted.add(key);
        return ok(true);
      }
      case 'sendMessage':
      case 'sendPhoto':
        if (neverStarted.has(String(params.chat_id)))
          return json(res, 403, {
            ok: false,
            error_code: 403,
            description: "Forbidden: bot can't initiate conversation with a user",
          });
        return ok(message());
      case 'getFile': {
        const file = files.get(String(params.file_id));
        if (!file)
          return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return ok({
          file_id: params.file_id,
          file_unique_id: 'u',
          file_size: file.bytes.length,
          file_path: file.path,
        });
      }
      case 'getChat': {
        // Public groups are found by their @username, as the Bot API allows.
        const chat = groups.get(String(params.chat_id).replace(/^@/, '').toLowerCase());
        if (!chat)
          return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
        return ok({ id: chat.id, type: 'supergroup', title: chat.title, username: chat.username });
      }
      case 'getUpdates':
        return ok(updates.splice(0));
      default:
        return json(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  });

  return {
    apiRoot: server.url,
    bot,
    calls,
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    failNext(method: string, failure: Failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    addFile(fileId: string, path: string, bytes: Buffer) {
      files.set(fileId, { path, bytes });
    },
    addGroup(group: { id: number; title: string; username: string }) {
      groups.set(group.username.toLowerCase(), group);
    },
    /** This person never started the bot: private messages to them are refused (403). */
    neverStarted(userId: number) {
      neverStarted.add(String(userId));
    },
    /** The bot is not an admin of this group: deleteMessage is refused there. */
    notAdminIn(chatId: number) {
      notAdmin.add(String(chatId));
    },
    deleted,
    /** Telegram could not deliver to the webhook: getWebhookInfo reports this error from now on. */
    webhookFailing(message: string) {
      webhook.lastError = message;
    },
    queueUpdate(update: unknown) {
      updates.push(update);
    },
    close: server.close,
  };
}

function parseParams(req: Recorded): Record<string, unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json'))
    return JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (!boundary) return {};
  // Just enough multipart for the fields grammY sends beside a file.
  const out: Record<string, unknown> = {};
  for (const part of req.body.toString('latin1').split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    const filename = /filename="([^"]*)"/.exec(part)?.[1];
    const value = part.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, '');
    if (name && filename === undefined) out[name] = value;
    if (name && filename !== undefined) out[`${name}:filename`] = filename;
  }
  return out;
}

/**
 * A Telegram channel the desk's admin makes on a fake Bot API: the channel as the API answered it
 * and the webhook secret it generated (what Telegram would send back on each update).
 */
export async function addTelegramChannel(
  desk: TestDesk,
  api: { apiRoot: string },
  token: string,
  name = 'Telegram',
): Promise<{
  channel: { id: string; inboundUrl: string; settings: Record<string, unknown> };
  webhookSecret: string;
}> {
  const admin = await desk.signIn('admin');
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.write,
    payload: { kind: 'telegram', name, settings: { apiRoot: api.apiRoot }, secrets: { botToken: token } },
  });
  if (res.statusCode !== 201) throw new Error(`the channel was not made: ${res.statusCode} ${res.body}`);
  const channel = res.json();
  return { channel, webhookSecret: channel.generatedSecrets.webhookSecret };
}
