/** The small shapes a chat write hands back, and the fixed texts the chat itself says. */

export interface SendInput {
  ticketId: string;
  clientId: string;
  body: string;
  attachmentIds: string[];
}

export interface Ack {
  ticketId: string;
  clientId: string;
  seq: number;
  serverTime: string;
  duplicate: boolean;
  /** A secret was hidden from the message: the customer is told at once. */
  safetyNotice?: { message: string; advice: string[] };
}

export const OFFLINE_TEXT = {
  'zh-CN':
    '抱歉，现在没有该问题类型的客服在线。您的对话已转为留言工单，您在这里输入的所有内容都已保存，我们会通过邮件和站内信回复您。您可以继续补充说明。',
  en: 'Sorry, nobody from this team is online right now. Your chat has become a ticket: everything you typed is kept and we will answer by email and in your in-app inbox. You can keep adding details here.',
} as const;

export function toAck(
  input: { ticketId: string; clientId: string },
  added: {
    seq: number;
    createdAt: Date;
    duplicate: boolean;
    safetyNotice?: { message: string; advice: string[] } | null;
  },
): Ack {
  return {
    ...(added.safetyNotice
      ? { safetyNotice: { message: added.safetyNotice.message, advice: added.safetyNotice.advice } }
      : {}),
    ticketId: input.ticketId,
    clientId: input.clientId,
    seq: added.seq,
    serverTime: added.createdAt.toISOString(),
    duplicate: added.duplicate,
  };
}
