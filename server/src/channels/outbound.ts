import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { INLINE_TYPES } from '../attachments/inspect.ts';
import { attachments } from '../attachments/schema.ts';
import type { Executor } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { messages } from '../tickets/schema.ts';
import type { OutboundReply, SendResult } from './adapter.ts';
import { noteOnTicket } from './notes.ts';
import { adapterEnv, adapterFor, describeChannel, loadChannel, openRecord } from './registry.ts';
import { refusalNote } from './replies.ts';
import { channelConversations, channelDeliveries } from './schema.ts';

/** Sends a public staff reply to the platform its ticket came from. */
export const channelReply = defineJob<{ messageId: string }>({
  name: 'channels.reply',
  retryLimit: 5,
  retryDelaySeconds: 2,
  // One platform call per part, each bounded by safe-http's timeout: lost after 45 s.
  expireInSeconds: 45,
});

/** Whether the ticket is a conversation on a messaging platform (its replies go back there). */
export async function isPlatformConversation(tx: Executor, ticketId: string): Promise<boolean> {
  const [conversation] = await tx
    .select({ id: channelConversations.id })
    .from(channelConversations)
    .where(eq(channelConversations.ticketId, ticketId));
  return !!conversation;
}

export async function processReply(
  services: Services,
  messageId: string,
  attempt: { retryCount: number; log: Logger },
): Promise<void> {
  const { db } = services;
  const [progress] = await db
    .select({ status: channelDeliveries.status, payload: channelDeliveries.payload })
    .from(channelDeliveries)
    .where(and(eq(channelDeliveries.messageId, messageId), eq(channelDeliveries.direction, 'out')));
  // Sent or refused already: a retried job sends nothing twice, nor the parts that already went.
  if (progress && progress.status !== 'sending') return;
  const partsSent = typeof progress?.payload?.partsSent === 'number' ? progress.payload.partsSent : 0;
  const [row] = await db
    .select({
      body: messages.body,
      visibility: messages.visibility,
      ticketId: messages.ticketId,
      chatId: channelConversations.chatId,
      channelId: channelConversations.channelId,
      lastInboundAt: channelConversations.lastInboundAt,
      lastInboundMessageId: channelConversations.lastInboundMessageId,
    })
    .from(messages)
    .innerJoin(channelConversations, eq(channelConversations.ticketId, messages.ticketId))
    .where(eq(messages.id, messageId));
  if (row?.visibility !== 'public') return;
  const channelRow = await loadChannel(db, row.channelId);
  const adapter = channelRow ? adapterFor(channelRow.kind) : null;
  if (!channelRow || !adapter) return;
  const opened = openRecord(channelRow, services.config.appSecret);
  // Unopened, the channel is only named in the refusal below; nothing is sent with it.
  const channel = opened ?? { ...describeChannel(channelRow), secrets: {} };
  const env = adapterEnv(services);
  const caps = adapter.capabilities;

  let result: SendResult;
  if (!channelRow.enabled) {
    result = {
      ok: false,
      reason: 'destination_refused',
      retryable: false,
      detail: 'the channel is disabled',
    };
  } else if (!opened) {
    // Sealed under another APP_SECRET: the reply waits in the log as refused, the agent sees why.
    result = {
      ok: false,
      reason: 'destination_refused',
      retryable: false,
      detail: 'the channel secrets cannot be opened (APP_SECRET changed): enter them again',
    };
  } else if (
    caps.replyWindowSeconds !== null &&
    env.now().getTime() - row.lastInboundAt.getTime() > caps.replyWindowSeconds * 1000
  ) {
    result = {
      ok: false,
      reason: 'window_closed',
      retryable: false,
      detail: `last message ${row.lastInboundAt.toISOString()}`,
    };
  } else {
    const images = caps.images ? await imagesOf(services, messageId) : [];
    const parts = splitText(row.body, caps.maxTextLength);
    result = { ok: true, platformMessageId: null };
    for (const [i, text] of parts.entries()) {
      if (i < partsSent) continue;
      const reply: OutboundReply = {
        chatId: row.chatId,
        text,
        images: i === parts.length - 1 ? images : [],
        replyToPlatformMessageId: i === 0 ? row.lastInboundMessageId : null,
      };
      result = await adapter.send(reply, channel, env);
      if (!result.ok) break;
      if (i < parts.length - 1) {
        await recordOutbound(
          services,
          { channelId: channel.id, messageId, ticketId: row.ticketId },
          {
            status: 'sending',
            payload: { partsSent: i + 1 },
          },
        );
      }
    }
  }
  const target = { channelId: channel.id, messageId, ticketId: row.ticketId };
  if (result.ok) {
    await recordOutbound(services, target, { status: 'sent', platformMessageId: result.platformMessageId });
    return;
  }
  if (result.retryable && attempt.retryCount < channelReply.retryLimit) {
    // pg-boss tries again with backoff; the agent hears about it only if it never gets through.
    throw new Error(`reply not delivered yet: ${result.reason} (${result.detail})`);
  }
  attempt.log.warn({ reason: result.reason }, 'channel reply refused');
  await recordOutbound(services, target, {
    status: 'refused',
    error: `${result.reason}: ${result.detail}`.slice(0, 500),
  });
  await noteOnTicket(
    db,
    row.ticketId,
    'channel_reply_failed',
    { messageId, channel: channel.kind, reason: result.reason, detail: result.detail.slice(0, 300) },
    refusalNote(channel.name, result.reason, result.detail),
  );
}

/** The one outbound row of a reply, created or moved on (sending → sent | refused). */
async function recordOutbound(
  services: Services,
  target: { channelId: string; messageId: string; ticketId: string },
  values: Pick<typeof channelDeliveries.$inferInsert, 'status' | 'payload' | 'error' | 'platformMessageId'>,
) {
  await services.db
    .insert(channelDeliveries)
    .values({ ...target, direction: 'out', ...values })
    .onConflictDoUpdate({
      target: channelDeliveries.messageId,
      targetWhere: sql`${channelDeliveries.direction} = 'out'`,
      set: values,
    });
}

async function imagesOf(services: Services, messageId: string): Promise<OutboundReply['images']> {
  const rows = await services.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.messageId, messageId), inArray(attachments.contentType, [...INLINE_TYPES])));
  const out: OutboundReply['images'] = [];
  for (const file of rows) {
    const chunks: Buffer[] = [];
    for await (const chunk of await services.storage.open(file.storageKey)) chunks.push(chunk as Buffer);
    out.push({ fileName: file.fileName, contentType: file.contentType, data: Buffer.concat(chunks) });
  }
  return out;
}

/** Splits a reply into platform-sized parts, at a paragraph or line break where there is one. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const chars = [...rest];
    const window = chars.slice(0, max).join('');
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    const end = cut > window.length / 2 ? cut : window.length;
    parts.push(window.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest.length || parts.length === 0) parts.push(rest);
  return parts;
}
