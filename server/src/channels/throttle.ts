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

/**
 * A partner's pace: messages a capability above the core takes (a side conversation's partner in
 * a group the desk's bot shares with them) are not a customer's. Counted per chat, not per person,
 * with no rule against the same text twice ("ok", "收到"), and by default (30 in ten seconds, 300 in
 * ten minutes: PARTNER_MESSAGES_PER_10S / _PER_10MIN) high enough for a partner pasting a list line
 * by line; it is there so that a flood in such a group cannot fill a ticket. Over it a message is
 * dropped and counted for the agents like a customer's, with no notice to the chat.
 */
export async function partnerPaceOf(
  limiter: RateLimiter,
  config: Config,
  channelId: string,
  chatId: string,
): Promise<Pace> {
  const who = `channel:${channelId}:partner-chat:${chatId}`;
  for (const [window, limit, ms] of [
    ['10s', config.partnerPace.per10Seconds, 10_000],
    ['10min', config.partnerPace.per10Minutes, 600_000],
  ] as const) {
    const hit = await limiter.hit(`${who}:${window}`, limit, ms);
    if (!hit.allowed)
      return { throttled: true, retryAfterSeconds: Math.ceil(hit.retryAfterMs / 1000), notify: false };
  }
  return { throttled: false };
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
