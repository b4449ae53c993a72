import { createHmac, randomBytes } from 'node:crypto';

/** A conversation's reply token: 128 random bits, lower-case hex (mail local parts fold case). */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** The address replies go to: the support mailbox with the conversation's token as plus tag. */
export function replyAddress(mailbox: string, token: string): string {
  const at = mailbox.lastIndexOf('@');
  return `${mailbox.slice(0, at)}+sc-${token}${mailbox.slice(at)}`;
}

const TAG = /\+sc-([0-9a-f]{32})@/i;

/** The tokens named by a mail's recipients (the SMTP envelope and the To/Cc headers). */
export function tokensOf(addresses: readonly string[]): string[] {
  const found = addresses.map((a) => TAG.exec(a)?.[1]?.toLowerCase()).filter((t): t is string => Boolean(t));
  return [...new Set(found)];
}

/**
 * The Message-ID of one outbound mail of a side conversation, the same on every attempt (derived
 * from its row under the app secret), so a retried send can be dropped as a copy by the receiver.
 * Replies naming it thread back by an exact match with the stored id.
 */
export function sideMessageId(secret: string, rowId: string, domain: string): string {
  const mac = createHmac('sha256', secret)
    .update(`kefu-side-message:${rowId}`)
    .digest('base64url')
    .slice(0, 22);
  return `kf-sc.${mac}@${domain}`;
}
