import { and, asc, eq, lt } from 'drizzle-orm';
import type { ChatLanguage, ChatState } from '../../../shared/chat-protocol.ts';
import type { Db } from '../db/client.ts';
import type { Jobs } from '../platform/jobs.ts';
import { addMessage } from '../tickets/add-message.ts';
import { recordEvent } from '../tickets/timeline.ts';
import { type ChatHours, formatOpening } from './hours.ts';
import { chatSessions } from './schema.ts';

/**
 * "Leave a message" (留言): a chat no person can take now becomes a ticket answered later by email
 * and the in-app inbox. The chat stays open for the customer to add details; nothing is lost.
 */
export type LeaveReason =
  /** Outside the team's chat hours. */
  | 'closed'
  /** Within the hours, but nobody of the team is on shift (all away, offline or gone). */
  | 'unstaffed'
  /** The desk was too busy to queue the customer, who chose to leave a message (admission control). */
  | 'busy';

const KEEP = {
  'zh-CN':
    '您的对话已转为留言工单：您在这里输入的所有内容都已保存，我们会通过邮件和站内信回复您。您可以继续补充说明。',
  en: 'Your chat has become a ticket: everything you typed is kept and we will answer by email and in your in-app inbox. You can keep adding details here.',
} as const;

/** What the chat says when it turns into "leave a message", in the chat's language. */
export function leaveMessageText(
  lang: ChatLanguage,
  reason: LeaveReason,
  from: ChatState,
  hours: Pick<ChatHours, 'opensAt' | 'timeZone'>,
): string {
  const when = hours.opensAt && hours.timeZone ? formatOpening(hours.opensAt, hours.timeZone, lang) : null;
  const zh = lang === 'zh-CN';
  let why: string;
  if (reason === 'busy') {
    why = zh ? '好的，您不必继续等待。' : 'All right, you do not need to wait.';
  } else if (reason === 'closed') {
    if (from === 'queued')
      why = zh
        ? `该问题类型的人工在线服务时间已结束${when ? `（下次开放：${when}）` : ''}，您不必继续排队。`
        : `Live chat with this team has closed for now${when ? ` (it opens again ${when})` : ''}, so you do not need to keep waiting.`;
    else
      why = zh
        ? `现在不在该问题类型的人工在线服务时间内${when ? `，下次开放：${when}` : ''}。`
        : `Live chat with a person from this team is closed now${when ? `; it opens ${when}` : ''}.`;
  } else if (from === 'queued') {
    why = zh
      ? '抱歉，该问题类型的客服现在都已离开，您不必继续排队。'
      : 'Sorry, everyone from this team has left for now, so you do not need to keep waiting.';
  } else {
    why = zh ? '抱歉，现在没有该问题类型的客服在线。' : 'Sorry, nobody from this team is online right now.';
  }
  return `${why}${zh ? '' : ' '}${KEEP[lang]}`;
}

/**
 * Turns one chat into "leave a message" if it is still in `from`: the state change, its history
 * event and what the chat says, in one transaction. The state is re-read under the row lock, so
 * of several nodes deciding at once exactly one does it (the others find it moved on).
 */
export async function chatToLeaveMessage(
  db: Db,
  jobs: Jobs,
  ticketId: string,
  from: ChatState,
  text: (lang: ChatLanguage) => string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: chatSessions.state, lang: chatSessions.lang })
      .from(chatSessions)
      .where(eq(chatSessions.ticketId, ticketId))
      .for('update');
    if (row?.state !== from) return false;
    await moveToLeaveMessage(tx as unknown as Db, jobs, ticketId, from, text(row.lang));
    return true;
  });
}

/**
 * Every chat waiting in the team's queue (since before `queuedBefore`, when given) becomes "leave a
 * message", in batches. Rows another node holds are skipped (SKIP LOCKED) and rows no longer
 * queued are not touched: each chat is decided once, and one an agent took meanwhile stays theirs.
 */
export async function queueToLeaveMessage(
  db: Db,
  jobs: Jobs,
  teamId: string,
  text: (lang: ChatLanguage) => string,
  queuedBefore?: Date,
): Promise<string[]> {
  const moved: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ ticketId: chatSessions.ticketId, lang: chatSessions.lang })
        .from(chatSessions)
        .where(
          and(
            eq(chatSessions.teamId, teamId),
            eq(chatSessions.state, 'queued'),
            queuedBefore ? lt(chatSessions.queuedAt, queuedBefore) : undefined,
          ),
        )
        .orderBy(asc(chatSessions.queueRank))
        .limit(50)
        .for('update', { skipLocked: true });
      for (const r of rows)
        await moveToLeaveMessage(tx as unknown as Db, jobs, r.ticketId, 'queued', text(r.lang));
      return rows.map((r) => r.ticketId);
    });
    moved.push(...batch);
    if (batch.length < 50) return moved;
  }
}

/** Inside the caller's transaction (a nested one is a savepoint): state, event, message together. */
async function moveToLeaveMessage(tx: Db, jobs: Jobs, ticketId: string, from: ChatState, body: string) {
  await tx
    .update(chatSessions)
    .set({ state: 'offline', queueRank: null })
    .where(eq(chatSessions.ticketId, ticketId));
  await recordEvent(tx, ticketId, { actorType: 'system', actorId: null }, 'chat_state', from, 'offline');
  await addMessage(tx, jobs, {
    ticketId,
    authorType: 'system',
    authorId: null,
    visibility: 'public',
    body,
    // One such notice per chat, whatever retries or races happen around it ('~': no client id may carry it).
    clientId: '~leave-message',
    attachmentIds: [],
    uploader: { uploaderType: 'system', uploaderId: null },
  });
}
