import { createHmac, timingSafeEqual } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import type { Language } from '../../platform/i18n.ts';
import { brandName, escapeHtml } from './compose.ts';
import { stableMessageId } from './message-id.ts';
import type { OutboundContext } from './outbound.ts';
import { newVerificationCode, storeVerificationCode } from './verification.ts';

export interface AutomaticMail {
  to: string;
  language: Language;
  subject: string;
  /** Paragraphs of the body; links stay plain text (clients make them clickable). */
  paragraphs: string[];
  ticket: { id: string; number: number } | null;
  /** One-click unsubscribe (RFC 8058) for customers' notifications. */
  unsubscribeUrl: string | null;
  /** What this mail is about, the same on every retry: its Message-ID derives from it. */
  idempotencyKey: string;
}

/**
 * Sends one automatic mail (a notification) through the outbound relay: DKIM-signed by the
 * transport, Auto-Submitted: auto-generated so auto-responders stay quiet, a verification code
 * like every mail Kefu sends, and a Message-ID derived from `idempotencyKey` so a retry cannot make
 * a second mail of it. Returns the RFC Message-ID; throws when the relay refuses it.
 */
export async function sendAutomaticMail(ctx: OutboundContext, mail: AutomaticMail): Promise<string> {
  await ctx.refresh?.();
  const { db, config } = ctx.services;
  const from = ctx.email.mailboxes[0]!.address;
  const domain = ctx.email.dkim?.domainName ?? from.split('@')[1]!;
  const rfcMessageId = stableMessageId(
    config.appSecret,
    mail.ticket?.number ?? 0,
    mail.idempotencyKey,
    domain,
  );
  const brand = await brandName(db, mail.language);
  const code = newVerificationCode();
  const verifyUrl = new URL('/verify', config.publicUrl).toString();
  const footer =
    mail.language === 'en'
      ? `${brand} support will never ask for your password, 2FA codes or seed phrase.\nVerification code: ${code} (check at ${verifyUrl} that this mail is really from us)`
      : `${brand}客服绝不会索要你的密码、两步验证码或助记词。\n官方验证码：${code}（可在 ${verifyUrl} 核验此邮件是否来自官方）`;
  const unsubscribe = mail.unsubscribeUrl
    ? mail.language === 'en'
      ? `\nStop these notifications: ${mail.unsubscribeUrl}`
      : `\n不再接收此类通知：${mail.unsubscribeUrl}`
    : '';
  const text = `${mail.paragraphs.join('\n\n')}\n\n-- \n${footer}${unsubscribe}\n`;
  const html =
    '<!doctype html><html><body style="font-family:sans-serif">' +
    mail.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('') +
    `<hr><p style="color:#666;font-size:12px">${escapeHtml(footer + unsubscribe).replace(/\n/g, '<br>')}</p>` +
    '</body></html>';
  const options: Mail.Options = {
    from: { name: brand, address: from },
    to: mail.to,
    subject: mail.subject,
    text,
    html,
    messageId: `<${rfcMessageId}>`,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Kefu-Verification': code,
      ...(mail.ticket ? { 'X-Kefu-Ticket': String(mail.ticket.number) } : {}),
      ...(mail.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
    ...(mail.unsubscribeUrl
      ? { list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'Unsubscribe' } } }
      : {}),
  };
  if (!ctx.transport) throw new Error('no outbound relay configured (EMAIL_RELAY_URL)');
  await storeVerificationCode(db, { code, sentTo: mail.to, ticketId: mail.ticket?.id ?? null, rfcMessageId });
  await ctx.transport.sendMail(options);
  return rfcMessageId;
}

/** The signed one-click unsubscribe link of an address (no sign-in, no expiry: it only opts out). */
export function unsubscribeUrl(secret: string, publicUrl: URL, address: string): string {
  const a = Buffer.from(address.toLowerCase()).toString('base64url');
  const url = new URL('/api/v1/email/unsubscribe', publicUrl);
  url.searchParams.set('a', a);
  url.searchParams.set('t', unsubscribeMac(secret, a));
  return url.toString();
}

function unsubscribeMac(secret: string, a: string) {
  return createHmac('sha256', secret)
    .update(`unsubscribe:${a}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** The address of a valid unsubscribe link, or null. */
export function verifyUnsubscribe(secret: string, a: string, t: string): string | null {
  const expected = Buffer.from(unsubscribeMac(secret, a));
  const given = Buffer.from(t);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const address = Buffer.from(a, 'base64url').toString('utf8');
  return address.includes('@') ? address : null;
}
