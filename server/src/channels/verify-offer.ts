import { and, eq } from 'drizzle-orm';
import type { Services } from '../platform/services.ts';
import { ticketEvents } from '../tickets/schema.ts';
import { recordEvent } from '../tickets/timeline.ts';
import type { AdapterEnv, ChannelAdapter, ChannelRecord, InboundMessage } from './adapter.ts';
import { type Contact, isVerified } from './contacts.ts';
import { issueLinkCode, linkUrlOf } from './link.ts';
import { languageOf } from './replies.ts';
import { withoutMasks } from './screening.ts';
import { sensitiveTopics } from './sensitive-topics.ts';

const LINK_COMMAND = /^\s*(\/link|\/verify|绑定|绑定账户|绑定账号)(@\w+)?\s*$/i;

/** "/link", "/verify" or "绑定": the person asks to link this chat to their account. */
export function isLinkCommand(text: string): boolean {
  return LINK_COMMAND.test(text);
}

/**
 * In a private chat with someone not yet verified: when they ask to link, or first raise an
 * account matter on a ticket, the desk answers that account matters wait for verification and
 * sends them the one-time link to open in the signed-in app.
 */
export async function offerVerification(args: {
  services: Services;
  adapter: ChannelAdapter;
  channel: ChannelRecord;
  env: AdapterEnv;
  message: InboundMessage;
  contact: Contact;
  ticketId: string;
}): Promise<void> {
  const { services, message, contact, ticketId } = args;
  if (message.isPublic || isVerified(contact)) return;
  const asked = LINK_COMMAND.test(message.text);
  const topics = sensitiveTopics(message.text);
  if (!asked && topics.length === 0) return;
  if (!asked) {
    const [offered] = await services.db
      .select({ id: ticketEvents.id })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, 'channel_link_offered')));
    if (offered) return;
  }
  const code = await issueLinkCode(services.db, services.config, contact.id);
  const url = linkUrlOf(services.config, args.channel.settings, code);
  const text =
    languageOf(withoutMasks(message.text)) === 'zh-CN'
      ? `为保护您的账户安全，在核实身份之前我们不能在这里处理账户、订单、资金或身份相关的问题。请在已登录的 App 中打开以下链接完成绑定（30 分钟内有效，仅可使用一次）：${url}`
      : `To keep your account safe we cannot discuss account, order, funds or identity matters here until we know it is you. Open this link in the app where you are signed in to link this chat (valid 30 minutes, once): ${url}`;
  const sent = await args.adapter.send(
    { chatId: message.chatId, text, images: [], replyToPlatformMessageId: message.platformMessageId },
    args.channel,
    args.env,
  );
  await recordEvent(
    services.db,
    ticketId,
    { actorType: 'system', actorId: null },
    'channel_link_offered',
    null,
    {
      topics,
      delivered: sent.ok,
    },
  );
}
