import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import { hmac, safeEqual } from '../identity/secrets.ts';
import { AppError } from '../platform/errors.ts';
import { tickets } from '../tickets/schema.ts';
import { recordEvent } from '../tickets/timeline.ts';
import { channelContacts, channelConversations, channels } from './schema.ts';

const LINK_TTL_MS = 30 * 60_000;

/**
 * A person on a platform proves who they are by opening a one-time link in the host app, where
 * they are signed in. The code names the platform contact and a nonce stored on it, expires in 30
 * minutes, is signed with APP_SECRET, and works once (redeeming clears the nonce).
 */
export async function issueLinkCode(
  db: Db,
  config: Config,
  contactId: string,
  now = new Date(),
): Promise<string> {
  const nonce = randomBytes(12).toString('base64url');
  await db.update(channelContacts).set({ linkNonce: nonce }).where(eq(channelContacts.id, contactId));
  const payload = Buffer.from(
    JSON.stringify({ c: contactId, n: nonce, e: now.getTime() + LINK_TTL_MS }),
  ).toString('base64url');
  return `${payload}.${hmac(config.appSecret, `channel-link:${payload}`)}`;
}

/** Where the host app takes the code: the channel's `linkUrl` setting, or Kefu's own page. */
export function linkUrlOf(config: Config, settings: Record<string, unknown>, code: string): string {
  const base =
    typeof settings.linkUrl === 'string' ? settings.linkUrl : new URL('/link', config.publicUrl).href;
  const url = new URL(base);
  url.searchParams.set('code', code);
  return url.href;
}

/**
 * The signed-in customer claims the platform account: from now on its conversations are theirs
 * (history included) and agents see it as verified.
 */
export async function redeemLinkCode(
  db: Db,
  config: Config,
  code: string,
  customerId: string,
  now = new Date(),
) {
  const [payload, signature] = code.split('.');
  if (!payload || !signature || !safeEqual(signature, hmac(config.appSecret, `channel-link:${payload}`))) {
    throw new AppError('invalid_link_code');
  }
  let claim: { c: string; n: string; e: number };
  try {
    claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claim;
  } catch {
    throw new AppError('invalid_link_code');
  }
  if (typeof claim.e !== 'number' || claim.e < now.getTime()) throw new AppError('invalid_link_code');
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .update(channelContacts)
      .set({ linkNonce: null, verifiedCustomerId: customerId, customerId, verifiedAt: now })
      .where(and(eq(channelContacts.id, claim.c), eq(channelContacts.linkNonce, claim.n)))
      .returning();
    if (!contact) throw new AppError('invalid_link_code');
    const conversationTickets = await tx
      .select({ ticketId: channelConversations.ticketId })
      .from(channelConversations)
      .where(eq(channelConversations.contactId, contact.id));
    const ids = conversationTickets.map((r) => r.ticketId);
    if (ids.length) {
      await tx
        .update(tickets)
        .set({ customerId, tags: sql`array_remove(${tickets.tags}, 'unverified')`, updatedAt: now })
        .where(inArray(tickets.id, ids));
      for (const id of ids) {
        await recordEvent(
          tx,
          id,
          { actorType: 'customer', actorId: customerId },
          'channel_contact_verified',
          null,
          {
            contactId: contact.id,
            customerId,
          },
        );
      }
    }
    const [channel] = await tx
      .select({ kind: channels.kind, name: channels.name })
      .from(channels)
      .where(eq(channels.id, contact.channelId));
    return { channel: channel!, displayName: contact.displayName, tickets: ids.length };
  });
}
