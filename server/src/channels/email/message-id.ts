import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Message-IDs Kefu sends name their ticket and carry an HMAC of it under the app secret:
 * `<kf.{ticket number}.{random}.{mac}@{domain}>`. A reply referencing one joins that ticket; a
 * reference somebody made up (the flaw a peer desk had: guessable ids attached mail to other
 * people's tickets) fails the MAC and is ignored.
 */
export function makeMessageId(secret: string, ticketNumber: number, domain: string): string {
  const nonce = randomBytes(9).toString('base64url');
  return `kf.${ticketNumber}.${nonce}.${mac(secret, ticketNumber, nonce)}@${domain}`;
}

/**
 * The Message-ID of one logical mail, the same on every attempt: its nonce is derived from `key`
 * (what the mail is about: the outbound row, the notices it carries) instead of drawn at random. A
 * job retried after its node died mid-send sends the same Message-ID again, so the receiving relay
 * or mailbox can drop the second copy (RFC 5322 Message-IDs are unique per message): the mail's
 * idempotency key. Same shape and MAC as makeMessageId, so replies to it thread the same way.
 */
export function stableMessageId(secret: string, ticketNumber: number, key: string, domain: string): string {
  const nonce = createHmac('sha256', secret)
    .update(`kefu-message-nonce:${key}`)
    .digest('base64url')
    .slice(0, 12);
  return `kf.${ticketNumber}.${nonce}.${mac(secret, ticketNumber, nonce)}@${domain}`;
}

/** The ticket number a Kefu Message-ID names, when its MAC is right; otherwise null. */
export function ticketNumberOfMessageId(secret: string, messageId: string): number | null {
  const m = /^<?kf\.(\d{1,15})\.([\w-]{12})\.([\w-]{22})@[^>\s]+>?$/.exec(messageId.trim());
  if (!m) return null;
  const number = Number(m[1]);
  const expected = Buffer.from(mac(secret, number, m[2]!));
  const given = Buffer.from(m[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? number : null;
}

function mac(secret: string, ticketNumber: number, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`kefu-message-id:${ticketNumber}:${nonce}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Ids from In-Reply-To and References, newest first, without angle brackets. */
export function referencedIds(
  inReplyTo: string | undefined,
  references: string | string[] | undefined,
): string[] {
  const refs = Array.isArray(references) ? references.join(' ') : (references ?? '');
  const all = `${inReplyTo ?? ''} ${refs}`.match(/<[^<>\s]+>|[^<>\s]+@[^<>\s]+/g) ?? [];
  const ids = all.map((id) => id.replace(/^<|>$/g, ''));
  const [first, ...rest] = ids;
  return [...new Set([...(first ? [first] : []), ...rest.reverse()])];
}
