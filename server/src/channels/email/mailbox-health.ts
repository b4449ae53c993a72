import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { ChannelHealth } from '../health.ts';
import { emailMessages } from './schema.ts';

/**
 * A mailbox's health for the admin list, as the other channels show theirs: the last mail that
 * came in to it, the last one sent from it, and its last failed send with the relay's words.
 * Each is the newest row of an index (to / from address, then time): three short reads.
 */
export async function mailboxHealth(db: Executor, address: string): Promise<ChannelHealth> {
  const newest = (where: ReturnType<typeof and>) =>
    db
      .select({ at: emailMessages.createdAt, error: emailMessages.error })
      .from(emailMessages)
      .where(where)
      .orderBy(desc(emailMessages.createdAt))
      .limit(1);
  const [[lastIn], [lastOut], [lastError]] = await Promise.all([
    newest(and(eq(emailMessages.toAddress, address), eq(emailMessages.direction, 'inbound'))),
    newest(
      and(
        eq(emailMessages.fromAddress, address),
        eq(emailMessages.direction, 'outbound'),
        eq(emailMessages.status, 'sent'),
      ),
    ),
    newest(
      and(
        eq(emailMessages.fromAddress, address),
        eq(emailMessages.direction, 'outbound'),
        eq(emailMessages.status, 'failed'),
      ),
    ),
  ]);
  return {
    lastInAt: lastIn?.at.toISOString() ?? null,
    lastOutAt: lastOut?.at.toISOString() ?? null,
    lastError: lastError ? { at: lastError.at.toISOString(), text: lastError.error ?? '' } : null,
  };
}
