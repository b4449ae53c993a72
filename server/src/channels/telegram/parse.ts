import type { Message, Update } from 'grammy/types';
import type { InboundFile, InboundMessage } from '../adapter.ts';

export interface BotIdentity {
  botId: number | null;
  botUsername: string | null;
  /** The official support group's chat id (learnt from its @username when the channel is saved). */
  supportGroupId?: number | null;
}

/**
 * A Telegram update in the desk's words. Private chats are conversations; in a group the desk is
 * addressed when the bot is @mentioned, its command is used, or one of its messages is replied to.
 */
export function messageFromUpdate(update: Update, bot: BotIdentity): InboundMessage | null {
  const message = update.message;
  if (!message?.from || message.from.is_bot) return null;
  const isPublic = message.chat.type !== 'private';
  const raw = message.text ?? message.caption ?? '';
  const mention = bot.botUsername ? new RegExp(`@${escapeRegExp(bot.botUsername)}\\b`, 'gi') : null;
  const mentioned = mention ? mention.test(raw) : false;
  const repliedToBot = bot.botId !== null && message.reply_to_message?.from?.id === bot.botId;
  const name =
    [message.from.first_name, message.from.last_name].filter(Boolean).join(' ') || message.from.username;
  return {
    platformMessageId: `${message.chat.id}:${message.message_id}`,
    chatId: String(message.chat.id),
    isPublic,
    from: {
      platformUserId: String(message.from.id),
      displayName: name ?? null,
      // A bot's private chat with a person has the person's id (usable once they have started the bot).
      privateChatId: String(message.from.id),
    },
    text: (mention ? raw.replace(mention, '') : raw).trim(),
    files: filesOf(message),
    addressed: !isPublic || mentioned || repliedToBot,
    official: isPublic && bot.supportGroupId != null && message.chat.id === bot.supportGroupId,
    ...(message.reply_to_message
      ? { replyToPlatformMessageId: `${message.chat.id}:${message.reply_to_message.message_id}` }
      : {}),
    sentAt: new Date(message.date * 1000).toISOString(),
  };
}

function filesOf(message: Message): InboundFile[] {
  const files: InboundFile[] = [];
  const photo = message.photo?.at(-1); // the largest size comes last
  if (photo) files.push({ ref: photo.file_id, kind: 'image', fileName: null });
  if (message.document) {
    files.push({ ref: message.document.file_id, kind: 'file', fileName: message.document.file_name ?? null });
  }
  return files;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Our platform message id is "<chat id>:<message id>"; Telegram wants the message id alone. */
export function telegramMessageId(platformMessageId: string, chatId: string): number | null {
  const [chat, id] = platformMessageId.split(':');
  return chat === chatId && id && /^\d+$/.test(id) ? Number(id) : null;
}
