import type { Config } from '../config/config.ts';
import { AppError } from '../platform/errors.ts';
import { checkCustomerMessage, civilityLimitsFor } from '../safety/civility.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import type { InboundMessage } from './adapter.ts';
import { type Lang, languageOf } from './replies.ts';

/** The polite notice goes at most once in this long to one person, however long the flood lasts. */
export const THROTTLE_NOTICE_WINDOW_MS = 10 * 60_000;

export type Pace = { throttled: false } | { throttled: true; retryAfterSeconds: number; notify: boolean };

/**
 * One pace for a person on any platform: a social contact is held to the same civility limits
 * (safety/civility.ts: a burst, a sustained rate, the same text twice) as a customer writing in
 * the app, counted per channel and platform account. The channel core applies it once, for every
 * channel, when messages arrive. Over the pace a message is not stored; the first time in a
 * window the person is told so (`notify`).
 */
export async function paceOf(
  limiter: RateLimiter,
  config: Config,
  channelId: string,
  message: InboundMessage,
): Promise<Pace> {
  const limits = civilityLimitsFor(config.customerPace);
  const who = `channel:${channelId}:${message.from.platformUserId}`;
  // Pictures carry no text: their platform handles keep two of them from looking like a repeat.
  const text = (message.text || message.files.map((f) => f.ref).join(' ') || '[empty]').slice(
    0,
    limits.maxMessageChars,
  );
  try {
    await checkCustomerMessage(limiter, who, text, limits);
    return { throttled: false };
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'slow_down' && err.code !== 'repeated_message'))
      throw err;
    const notice = await limiter.hit(`${who}:throttle-notice`, 1, THROTTLE_NOTICE_WINDOW_MS);
    return { throttled: true, retryAfterSeconds: Number(err.params.retryAfter ?? 1), notify: notice.allowed };
  }
}

export function throttleNotice(lang: Lang): string {
  return lang === 'zh-CN'
    ? '您发送消息的速度太快了，部分消息未被记录。我们已收到您之前的消息，客服会尽快回复，请稍候再发送。'
    : 'You are sending messages very quickly, so some were not recorded. We have your earlier messages and an agent will reply soon; please wait a moment before sending more.';
}

/**
 * What is kept of a message over the pace: who sent it and where (to tell them, and to count the
 * window for the agents), never its text.
 */
export interface ThrottledPayload {
  throttled: { notify: boolean; lang: Lang };
  chatId: string;
  isPublic: boolean;
  from: { platformUserId: string; privateChatId: string | null };
  /** On the first message of a window: the note on the ticket that counts the window. */
  noteMessageId?: string;
}

export function throttledPayload(message: InboundMessage, notify: boolean): Record<string, unknown> {
  const payload: ThrottledPayload = {
    throttled: { notify, lang: languageOf(message.text) },
    chatId: message.chatId,
    isPublic: message.isPublic,
    from: { platformUserId: message.from.platformUserId, privateChatId: message.from.privateChatId },
  };
  return payload as unknown as Record<string, unknown>;
}
