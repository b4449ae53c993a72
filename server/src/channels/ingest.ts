import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import type { InboundMessage } from './adapter.ts';
import { channelDeliveries } from './schema.ts';
import { paceOf } from './throttle.ts';

/** Processes one stored inbound message: contact, ticket, files, safety. */
export const channelInbound = defineJob<{ deliveryId: string }>({
  name: 'channels.inbound',
  retryLimit: 6,
  retryDelaySeconds: 5,
});

/**
 * Stores the messages of one verified delivery and queues them, in one short transaction, so the
 * platform is acknowledged at once. The platform's message id is a unique key: a redelivery finds
 * its row and queues nothing. Each new message is counted against its sender's pace first (at
 * arrival, so a flood is seen as it comes, not as the queue drains it): one over the pace is kept
 * only as a delivery row marked to be dropped, with the polite notice due at most once per window.
 * Returns how many were new.
 */
export async function ingestMessages(
  services: Pick<Services, 'db' | 'jobs' | 'config'>,
  limiter: RateLimiter,
  channelId: string,
  incoming: InboundMessage[],
): Promise<{ accepted: number; duplicates: number }> {
  const { db, jobs } = services;
  const seen = await alreadyStored(db, channelId, incoming);
  const payloads = new Map<InboundMessage, Record<string, unknown>>();
  for (const message of incoming) {
    let payload = message as unknown as Record<string, unknown>;
    // Chatter in a group that is not addressed to the desk is never stored: it does not count.
    if (!seen.has(message.platformMessageId) && (!message.isPublic || message.addressed)) {
      const pace = await paceOf(limiter, services.config, channelId, message);
      if (pace.throttled) payload = { ...payload, throttled: { notify: pace.notify } };
    }
    payloads.set(message, payload);
  }
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
          payload: payloads.get(message)!,
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

/** The platform message ids of these messages the desk already has. */
export async function alreadyStored(
  db: Db,
  channelId: string,
  incoming: InboundMessage[],
): Promise<Set<string>> {
  if (incoming.length === 0) return new Set();
  const rows = await db
    .select({ id: channelDeliveries.platformMessageId })
    .from(channelDeliveries)
    .where(
      and(
        eq(channelDeliveries.channelId, channelId),
        eq(channelDeliveries.direction, 'in'),
        inArray(
          channelDeliveries.platformMessageId,
          incoming.map((m) => m.platformMessageId),
        ),
      ),
    );
  return new Set(rows.map((r) => r.id ?? ''));
}

export async function markDelivery(
  db: Db,
  id: string,
  values: Partial<typeof channelDeliveries.$inferInsert>,
): Promise<void> {
  await db.update(channelDeliveries).set(values).where(eq(channelDeliveries.id, id));
}
