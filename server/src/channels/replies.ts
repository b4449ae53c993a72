import type { RefusalReason } from './adapter.ts';
import type { SensitiveTopic } from './sensitive-topics.ts';

/** What the desk says on its own on a platform, and what it tells agents. zh-CN and en. */
export type Lang = 'zh-CN' | 'en';

export function languageOf(text: string): Lang {
  return /[\u3400-\u9fff]/.test(text) ? 'zh-CN' : 'en';
}

/** The general public answer to a message that belongs in a private, verified channel. */
export function publicRedirect(lang: Lang, link: string): string {
  return lang === 'zh-CN'
    ? `您好，涉及账户、订单、资金或身份的问题请勿在公开场合讨论。请通过私信联系我们，我们会在核实身份后为您处理：${link}`
    : `Hello! Questions about an account, an order, funds or identity should not be discussed in public. Please contact us privately and we will help once we have verified it is you: ${link}`;
}

/**
 * The short public notice after a public message exposed a secret. It never repeats the secret;
 * it says whether the message was removed, and when the author could not be warned in private it
 * asks them (by the name they show) to open the private chat.
 */
export function publicSecretNotice(
  lang: Lang,
  o: { deleted: boolean; warned: boolean; name: string | null; link: string },
): string {
  const zh = lang === 'zh-CN';
  const who = o.name?.trim() ? o.name.trim() : null;
  const what = o.deleted
    ? zh
      ? '我们已删除一条含敏感信息的消息。'
      : 'We removed a message that contained sensitive information.'
    : zh
      ? '一条消息含敏感信息，请发送者立即删除。'
      : 'A message here contained sensitive information; its author should delete it now.';
  const rule = zh
    ? '请勿公开发送密码、验证码、助记词或私钥，客服绝不会索要。'
    : 'Never post passwords, codes, recovery phrases or private keys; support never asks for them.';
  const next = o.warned
    ? zh
      ? `已私信提醒发送者。如需帮助请私信：${o.link}`
      : `We warned the author privately. Help: ${o.link}`
    : zh
      ? `${who ? `${who}，` : ''}请打开与我们的私聊查看安全提醒：${o.link}`
      : `${who ? `${who}, please` : 'Please'} open a private chat with us for a safety notice: ${o.link}`;
  return zh ? `${what}${rule}${next}` : `${what} ${rule} ${next}`;
}

/** The private warning to someone whose public message exposed a secret. */
export function privateSecretWarning(lang: Lang, deleted: boolean): string {
  if (lang === 'zh-CN') {
    return `您在公开场合发送的消息包含敏感信息（如密码、验证码、助记词或私钥），${deleted ? '我们已将其删除' : '我们无法删除它，请您立即自行删除'}。如果您发送的是助记词或私钥，请立即将资产转移到新钱包，并修改相关密码。官方客服绝不会向您索要这些信息。`;
  }
  return `Your public message contained sensitive information (a password, code, recovery phrase or private key) ${deleted ? 'and was removed' : 'and we could not remove it: please delete it yourself now'}. If it was a recovery phrase or private key, move your assets to a new wallet now and change your passwords. Official support will never ask you for these.`;
}

export function redirectNote(
  topics: SensitiveTopic[],
  secrets: string[],
  deleted: boolean,
  warned: boolean,
): string {
  const parts = [
    `公开消息已转私聊处理 / Public message redirected to a private channel (topics: ${topics.join(', ') || '-'}; secrets: ${secrets.join(', ') || '-'})`,
  ];
  if (secrets.length)
    parts.push(`原消息${deleted ? '已删除' : '未能删除'} / original ${deleted ? 'deleted' : 'NOT deleted'}`);
  if (secrets.length)
    parts.push(`私信警告${warned ? '已发送' : '未能发送'} / private warning ${warned ? 'sent' : 'NOT sent'}`);
  return parts.join('; ');
}

const REASONS: Record<RefusalReason, [string, string]> = {
  window_closed: [
    '平台的回复时限已过，请改用其他渠道联系客户',
    "the platform's reply window has closed; reach the customer on another channel",
  ],
  blocked: ['用户已屏蔽或停用了我们的账号', 'the person blocked or stopped the bot'],
  rate_limited: ['平台限流，多次重试仍未成功', 'the platform kept rate-limiting us'],
  not_found: ['会话在平台上已不存在', 'the chat no longer exists on the platform'],
  too_long: ['内容超过平台长度上限', 'the reply is longer than the platform allows'],
  destination_refused: ['目标地址不被允许', 'the destination is not allowed'],
  unreachable: ['平台无法连接', 'the platform could not be reached'],
  platform_error: ['平台返回错误', 'the platform answered with an error'],
};

export function refusalNote(channelName: string, reason: RefusalReason, detail: string): string {
  const [zh, en] = REASONS[reason];
  return `回复未能通过「${channelName}」送达：${zh}。/ The reply was not delivered via "${channelName}": ${en}. (${detail.slice(0, 300)})`;
}
