import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { ChatLanguage } from '../../../shared/chat-protocol.ts';
import type { Db } from '../db/client.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage } from '../tickets/add-message.ts';
import { type ChatRow, chatRowColumns, requeue } from './routing.ts';
import { chatAgents, chatSessions } from './schema.ts';

/**
 * Agent presence under overload. An agent is present while any of their sockets is open on some
 * node or they made any HTTP request lately (the workspace polls the queues): each node vouches
 * for those agents in `chat_agents.last_seen_at`. A socket that is slow or briefly gone is not an
 * absence; only silence from every socket and request for the requeue window is (a generous,
 * configurable multiple of the grace), and even then at most a bounded number of held chats go
 * back per sweep, each customer told why.
 */
export function createActivity() {
  /** Agents heard from over HTTP (or a socket frame) since the last vouch. */
  const heard = new Set<string>();
  return {
    touch(agentId: string) {
      heard.add(agentId);
    },
    /** Who was heard from since the last call (then forgotten until heard again). */
    drain(): string[] {
      const ids = [...heard];
      heard.clear();
      return ids;
    },
  };
}

const NOTICE = {
  'zh-CN':
    '为您服务的客服暂时断开了连接。您的对话已回到排队的最前面，下一位有空的客服会接手；之前的聊天内容都已保存。',
  en: 'The agent serving you lost their connection. Your chat is back at the front of the queue and the next free agent will take it; everything said so far is kept.',
} as const;

export function requeueNotice(lang: ChatLanguage): string {
  return NOTICE[lang];
}

/**
 * Agents nobody has vouched for since `seenBefore` lose the chats they hold: at most `limit` per
 * call, the longest-held first, each back to the head of its queue with a system message saying
 * why. An agent goes offline once none of their chats is left. Locked with SKIP LOCKED, so of
 * several nodes sweeping at once each absent agent is handled by one.
 */
export async function expireAbsentAgents(db: Db, jobs: Jobs, seenBefore: Date, limit: number) {
  return db.transaction(async (tx) => {
    const gone = await tx
      .select({ agentId: chatAgents.agentId })
      .from(chatAgents)
      .where(and(ne(chatAgents.status, 'offline'), lt(chatAgents.lastSeenAt, seenBefore)))
      .orderBy(asc(chatAgents.lastSeenAt))
      .limit(100)
      .for('update', { skipLocked: true });
    if (gone.length === 0) return { agentIds: [] as string[], requeued: [] as ChatRow[] };
    const ids = gone.map((g) => g.agentId);
    const held = await tx
      .select({ ...chatRowColumns, lang: chatSessions.lang })
      .from(chatSessions)
      .where(and(inArray(chatSessions.agentId, ids), eq(chatSessions.state, 'assigned')))
      .orderBy(asc(chatSessions.assignedAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const now = Date.now();
    for (const chat of held) {
      await requeue(tx, { db, jobs }, chat, { actorType: 'system', actorId: null }, true);
      await addMessage(tx as unknown as Db, jobs, {
        ticketId: chat.ticketId,
        authorType: 'system',
        authorId: null,
        visibility: 'public',
        body: requeueNotice(chat.lang),
        // One notice per requeue ('~': no client's id may carry it).
        clientId: `~requeued-${now}`,
        attachmentIds: [],
        uploader: { uploaderType: 'system', uploaderId: null },
      });
    }
    // Agents who still hold chats (beyond this sweep's bound) stay until a later sweep empties them.
    const still = await tx
      .selectDistinct({ agentId: chatSessions.agentId })
      .from(chatSessions)
      .where(and(inArray(chatSessions.agentId, ids), eq(chatSessions.state, 'assigned')));
    const keep = new Set(still.map((r) => r.agentId));
    const agentIds = ids.filter((id) => !keep.has(id));
    if (agentIds.length)
      await tx.update(chatAgents).set({ status: 'offline' }).where(inArray(chatAgents.agentId, agentIds));
    return { agentIds, requeued: held as ChatRow[] };
  });
}
