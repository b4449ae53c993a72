import { asc, desc, eq, inArray } from 'drizzle-orm';
import { attachments } from '../attachments/schema.ts';
import { channels } from '../channels/schema.ts';
import type { Db } from '../db/client.ts';
import { agents } from '../identity/schema.ts';
import { viaOf } from './commands.ts';
import { sideConversationAttachments, sideConversationMessages, sideConversations } from './schema.ts';

/** The stored files of one outbound side-conversation message, to send with it (mail or channel). */
export function filesOfMessage(db: Db, messageId: string) {
  return db
    .select({
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      storageKey: attachments.storageKey,
    })
    .from(sideConversationAttachments)
    .innerJoin(attachments, eq(attachments.id, sideConversationAttachments.attachmentId))
    .where(eq(sideConversationAttachments.messageId, messageId));
}

/** A ticket's side conversations with their threads, newest conversation first (staff only). */
export async function sideConversationsOfTicket(db: Db, ticketId: string) {
  const convs = await db
    .select()
    .from(sideConversations)
    .where(eq(sideConversations.ticketId, ticketId))
    .orderBy(desc(sideConversations.createdAt));
  if (convs.length === 0) return [];
  const msgs = await db
    .select({ message: sideConversationMessages, authorName: agents.name })
    .from(sideConversationMessages)
    .leftJoin(agents, eq(agents.id, sideConversationMessages.authorAgentId))
    .where(
      inArray(
        sideConversationMessages.conversationId,
        convs.map((c) => c.id),
      ),
    )
    .orderBy(asc(sideConversationMessages.createdAt), asc(sideConversationMessages.id));
  const files = msgs.length
    ? await db
        .select({
          messageId: sideConversationAttachments.messageId,
          id: attachments.id,
          fileName: attachments.fileName,
          contentType: attachments.contentType,
          sizeBytes: attachments.sizeBytes,
        })
        .from(sideConversationAttachments)
        .innerJoin(attachments, eq(attachments.id, sideConversationAttachments.attachmentId))
        .where(
          inArray(
            sideConversationAttachments.messageId,
            msgs.map((m) => m.message.id),
          ),
        )
    : [];
  const channelIds = [...new Set(convs.map((c) => c.channelId).filter((id): id is string => id !== null))];
  const viaChannels = channelIds.length
    ? await db
        .select({ id: channels.id, kind: channels.kind, name: channels.name })
        .from(channels)
        .where(inArray(channels.id, channelIds))
    : [];
  return convs.map((c) => {
    const via = viaChannels.find((v) => v.id === c.channelId);
    return {
      id: c.id,
      subject: c.subject,
      participants: c.participants,
      // Through a messaging channel: which, and the group (a deleted channel keeps its chat).
      channel:
        c.chatId === null
          ? null
          : {
              id: c.channelId,
              kind: via?.kind ?? viaOf(c.participants),
              name: via?.name ?? null,
              chatId: c.chatId,
            },
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      messages: msgs
        .filter((m) => m.message.conversationId === c.id)
        .map(({ message: m, authorName }) => ({
          id: m.id,
          direction: m.direction,
          authorName,
          from: m.fromAddress,
          to: m.toAddresses,
          body: m.body,
          status: m.status,
          error: m.error,
          verified: m.direction === 'inbound' ? m.verified === true : null,
          authentication: m.auth?.summary ?? null,
          // In a group, whoever writes there is a party to it.
          fromParticipant:
            m.direction === 'inbound' ? c.chatId !== null || c.participants.includes(m.fromAddress) : null,
          createdAt: m.createdAt.toISOString(),
          attachments: files
            .filter((f) => f.messageId === m.id)
            .map(({ messageId: _, ...f }) => ({
              ...f,
              sizeBytes: Number(f.sizeBytes),
              url: `/api/v1/attachments/${f.id}`,
            })),
        })),
    };
  });
}
