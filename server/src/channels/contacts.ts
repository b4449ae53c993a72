import { and, eq, sql } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Executor } from '../db/client.ts';
import type { InboundMessage } from './adapter.ts';
import { channelContacts } from './schema.ts';

export type Contact = typeof channelContacts.$inferSelect;

/**
 * The person behind a platform account, created on first sight with a customer record of its own
 * (a visitor: nothing about them is verified). Linking through the host app replaces it later.
 */
export async function contactFor(
  tx: Executor,
  channelId: string,
  kindLabel: string,
  from: InboundMessage['from'],
  language: 'zh-CN' | 'en',
): Promise<Contact> {
  const [existing] = await tx
    .select()
    .from(channelContacts)
    .where(
      and(eq(channelContacts.channelId, channelId), eq(channelContacts.platformUserId, from.platformUserId)),
    );
  if (existing) {
    if (from.privateChatId && existing.privateChatId !== from.privateChatId) {
      await tx
        .update(channelContacts)
        .set({ privateChatId: from.privateChatId, displayName: from.displayName ?? existing.displayName })
        .where(eq(channelContacts.id, existing.id));
      return { ...existing, privateChatId: from.privateChatId };
    }
    return existing;
  }
  const [customer] = await tx
    .insert(customers)
    .values({ isVisitor: true, language, name: `${from.displayName ?? from.platformUserId} (${kindLabel})` })
    .returning({ id: customers.id });
  const [row] = await tx
    .insert(channelContacts)
    .values({
      channelId,
      platformUserId: from.platformUserId,
      displayName: from.displayName,
      customerId: customer!.id,
      privateChatId: from.privateChatId,
    })
    .onConflictDoUpdate({
      // Two first messages racing: the loser takes the winner's row (its customer stays unused).
      target: [channelContacts.channelId, channelContacts.platformUserId],
      set: { displayName: sql`coalesce(excluded.display_name, ${channelContacts.displayName})` },
    })
    .returning();
  return row!;
}

export function isVerified(contact: Contact): boolean {
  return contact.verifiedCustomerId !== null;
}
