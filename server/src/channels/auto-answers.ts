import type { Logger } from 'pino';
import type { Services } from '../platform/services.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import type { AdapterEnv, ChannelAdapter, ChannelRecord, InboundMessage } from './adapter.ts';
import { type HelpMatch, matchHelpArticle, matchHelpArticleWithin } from './help-match.ts';
import { type Lang, languageOf } from './replies.ts';
import { withoutMasks } from './screening.ts';
import { sensitiveTopics } from './sensitive-topics.ts';
import { isLinkCommand } from './verify-offer.ts';

/** In one group the bot answers common questions at most this often on its own. */
export const GROUP_ANSWER_LIMIT = { limit: 2, windowMs: 10 * 60_000 } as const;
/** …and the same article at most once in this long (people in a group read each other). */
export const GROUP_SAME_ARTICLE_MS = 30 * 60_000;
/** The acknowledgement of a WeChat message goes at most once per conversation in this long. */
export const ACK_WINDOW_MS = 30 * 60_000;
/** WeChat waits 5 s for the passive reply: the search gets what is left after the rest. */
export const PASSIVE_SEARCH_MS = 3_000;

/** What the desk answered on its own, kept with the message so the ticket shows it. */
export interface AutoAnswer {
  kind: 'article' | 'ack';
  text: string;
  articleId?: string;
}

/**
 * A message in the official support group that did not address the bot: when it clearly asks a
 * question the help center answers, the bot replies in public with the article's title and link.
 * Never for account, order, funds or identity matters (those are for a private channel, and the
 * bot does not draw attention to them in public; a message with a secret never comes here), and at most
 * GROUP_ANSWER_LIMIT times per group per window. Returns the article answered with, or null.
 */
export async function answerCommonQuestion(args: {
  services: Services;
  limiter: RateLimiter;
  adapter: ChannelAdapter;
  channel: ChannelRecord;
  env: AdapterEnv;
  message: InboundMessage;
  log: Logger;
}): Promise<HelpMatch | null> {
  const { services, limiter, message, channel } = args;
  if (!message.official || !message.text.trim()) return null;
  if (sensitiveTopics(message.text).length > 0) return null;
  const lang = languageOf(message.text);
  const match = await matchHelpArticle(services.db, services.config, message.text, lang);
  if (!match) return null;
  const group = `${channel.id}:${message.chatId}`;
  const same = await limiter.hit(
    `channel:group-article:${group}:${match.articleId}`,
    1,
    GROUP_SAME_ARTICLE_MS,
  );
  if (!same.allowed) return null;
  const pace = await limiter.hit(
    `channel:group-answers:${group}`,
    GROUP_ANSWER_LIMIT.limit,
    GROUP_ANSWER_LIMIT.windowMs,
  );
  if (!pace.allowed) return null;
  const sent = await args.adapter.send(
    {
      chatId: message.chatId,
      text: articleAnswer(lang, match, 'public'),
      images: [],
      replyToPlatformMessageId: message.platformMessageId,
    },
    channel,
    args.env,
  );
  if (!sent.ok) {
    args.log.warn({ reason: sent.reason }, 'help answer in the group not delivered');
    return null;
  }
  return match;
}

/**
 * The answer that can go back at once, in the platform's own response (WeChat's passive reply):
 * the help article when the message clearly matches one, otherwise an acknowledgement that an
 * agent will reply, once per conversation per ACK_WINDOW_MS. Nothing for an account matter or a
 * request to link (the verification offer answers those) or a public message.
 */
export async function passiveFirstAnswer(args: {
  services: Services;
  limiter: RateLimiter;
  channel: ChannelRecord;
  message: InboundMessage;
}): Promise<AutoAnswer | null> {
  const { services, limiter, channel, message } = args;
  if (message.isPublic) return null;
  if (isLinkCommand(message.text) || sensitiveTopics(message.text).length > 0) return null;
  // A picture has no words to go by: WeChat's people read Chinese first.
  const lang = message.text.trim() ? languageOf(withoutMasks(message.text)) : 'zh-CN';
  const match = message.text.trim()
    ? await matchHelpArticleWithin(PASSIVE_SEARCH_MS, services.db, services.config, message.text, lang)
    : null;
  if (match)
    return { kind: 'article', text: articleAnswer(lang, match, 'private'), articleId: match.articleId };
  const ack = await limiter.hit(`channel:ack:${channel.id}:${message.chatId}`, 1, ACK_WINDOW_MS);
  return ack.allowed ? { kind: 'ack', text: acknowledgement(lang) } : null;
}

function articleAnswer(lang: Lang, match: HelpMatch, where: 'public' | 'private'): string {
  if (lang === 'zh-CN') {
    return where === 'public'
      ? `帮助中心有这个问题的解答：《${match.title}》 ${match.url}`
      : `您好！帮助中心的这篇文章也许能解答您的问题：《${match.title}》 ${match.url}\n如仍需帮助，请直接回复，客服会尽快跟进。`;
  }
  return where === 'public'
    ? `The help center answers this: "${match.title}" ${match.url}`
    : `Hello! This help-center article may answer your question: "${match.title}" ${match.url}\nIf you still need help, just reply and an agent will follow up.`;
}

function acknowledgement(lang: Lang): string {
  return lang === 'zh-CN'
    ? '您好，我们已收到您的消息，客服会尽快在这里回复您。客服绝不会索要您的密码、验证码、助记词或私钥。'
    : 'Hello, we have your message and an agent will reply here soon. Support will never ask for your password, codes, recovery phrase or private key.';
}

export function autoAnswerNote(answer: AutoAnswer): string {
  return `已自动回复 / Answered automatically (${answer.kind === 'article' ? '帮助文章 help article' : '确认收到 acknowledgement'}): ${answer.text}`;
}
