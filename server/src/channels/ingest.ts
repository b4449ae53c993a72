import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { defineJob, type Jobs } from '../platform/jobs.ts';
import type { InboundMessage } from './adapter.ts';
import { channelDeliveries } from './schema.ts';

/** Processes one stored inbound message: contact, ticket, files, safety. */
export const channelInbound = defineJob<{ deliveryId: string }>({
  name: 'channels.inbound',
  retryLimit: 6,
  retryDelaySeconds: 5,
});

/**
 * Stores the messages of one verified delivery and queues them, in one short transaction, so the
 * platform is acknowledged at once. The platform's message id is a unique key: a redelivery finds
 * its row and queues nothing. Returns how many were new.
 */
export async function ingestMessages(
  db: Db,
  jobs: Jobs,
  channelId: string,
  incoming: InboundMessage[],
): Promise<{ accepted: number; duplicates: number }> {
  let accepted = 0;
  await db.transaction(async (tx) => {
    for (const message of incoming) {
      const [row] = await tx
        .insert(channelDeliveries)
        .values({
          channelId,
          direction: 'in',
          platformMessageId: message.platformMessageId,
          status: 'received',
          payload: message as unknown as Record<string, unknown>,
        })
        .onConflictDoNothing()
        .returning({ id: channelDeliveries.id });
      if (!row) continue;
      accepted++;
      await jobs.send(channelInbound, { deliveryId: row.id }, tx);
    }
  });
  return { accepted, duplicates: incoming.length - accepted };
}

export async function markDelivery(
  db: Db,
  id: string,
  values: Partial<typeof channelDeliveries.$inferInsert>,
): Promise<void> {
  await db.update(channelDeliveries).set(values).where(eq(channelDeliveries.id, id));
}
