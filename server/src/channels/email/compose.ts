import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../desk/schema.ts';
import type { Language } from '../../platform/i18n.ts';
import { expectedReply } from '../../sla/expected-reply.ts';
import { formatTicketNumber } from '../../tickets/model.ts';

export type OutboundKind = 'reply' | 'ack' | 'notification';

export interface ComposeInput {
  kind: OutboundKind;
  language: Language;
  ticketNumber: number;
  title: string;
  /** The agent's words for a reply. */
  body: string;
  brandName: string;
  verificationCode: string;
  verifyUrl: string;
  replyTime: string;
}

/** Chinese mail gets 【KF-000123】, English [KF-000123]; both thread back by number. */
export function ticketSubject(language: Language, number: number, title: string, isReply: boolean): string {
  const tag = language === 'en' ? `[${formatTicketNumber(number)}]` : `【${formatTicketNumber(number)}】`;
  return `${isReply ? 'Re: ' : ''}${tag} ${title}`.slice(0, 250);
}

/** Subject, text and HTML of one outbound mail. The verification code is in every one. */
export function composeMail(input: ComposeInput): { subject: string; text: string; html: string } {
  const en = input.language === 'en';
  const number = formatTicketNumber(input.ticketNumber);
  const main =
    input.kind === 'ack'
      ? en
        ? `We have received your message and opened ticket ${number}.\nWe expect to reply ${input.replyTime}. Reply to this mail to add details; keep ${number} in the subject.`
        : `我们已收到你的邮件，工单号 ${number}。\n预计${input.replyTime}回复。如需补充信息，请直接回复本邮件（主题中保留 ${number}）。`
      : input.body;
  const footer = en
    ? `${input.brandName} support will never ask for your password, 2FA codes or seed phrase.\nVerification code: ${input.verificationCode} (check at ${input.verifyUrl} that this mail is really from us)`
    : `${input.brandName}客服绝不会索要你的密码、两步验证码或助记词。\n官方验证码：${input.verificationCode}（可在 ${input.verifyUrl} 核验此邮件是否来自官方）`;
  const text = `${main}\n\n-- \n${footer}\n`;
  const html =
    `<!doctype html><html><body style="font-family:sans-serif">` +
    `${paragraphs(main)}<hr><p style="color:#666;font-size:12px">${escapeHtml(footer).replace(/\n/g, '<br>')}</p>` +
    `</body></html>`;
  return {
    subject: ticketSubject(input.language, input.ticketNumber, input.title, input.kind === 'reply'),
    text,
    html,
  };
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The expected reply time told in acknowledgements: the ticket's first-response due time from the
 * service levels (the same function the customer's ticket page uses), else the
 * `expected_reply_time` setting ({ "zh-CN": "…", "en": "…" }), else "1–3 business days".
 */
export async function expectedReplyTime(db: Db, language: Language, ticketId?: string): Promise<string> {
  const due = ticketId ? (await expectedReply(db, ticketId))?.by : null;
  if (due) {
    const zone = language === 'en' ? 'UTC' : 'Asia/Shanghai';
    const when = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(due));
    return language === 'en' ? `by ${when} (UTC)` : `于 ${when}（北京时间）前`;
  }
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, 'expected_reply_time'));
  const value = row?.value as Partial<Record<Language, string>> | undefined;
  const span = value?.[language] ?? (language === 'en' ? '1–3 business days' : '1–3 个工作日');
  return language === 'en' ? `within ${span}` : `在 ${span}内`;
}

/** The brand's name from the `brand` setting, in the mail's language. */
export async function brandName(db: Db, language: Language): Promise<string> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'brand'));
  const brand = row?.value as { name?: string; nameZh?: string } | undefined;
  return (language === 'en' ? brand?.name : (brand?.nameZh ?? brand?.name)) ?? 'Kefu';
}
