import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { maskSecrets } from '../safety/mask.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import type { InboundMessage } from './adapter.ts';
import { channelDeliveries } from './schema.ts';
import { type SecretDetector, screenPublicMessage } from './screening.ts';
import { type Pace, paceOf, partnerPaceOf, throttledPayload } from './throttle.ts';

/** Processes one stored inbound message: contact, ticket, files, safety. */
export const channelInbound = defineJob<{ deliveryId: string }>({
  name: 'channels.inbound',
  retryLimit: 6,
  retryDelaySeconds: 5,
});

/** What the core needs when messages arrive: the civility limiter and the secret detector. */
export interface IngestCore {
  limiter: RateLimiter;
  detector: SecretDetector;
}

/** The message as stored until processed: its text masked, the kinds of secret it held. */
export type StoredMessage = InboundMessage & { secrets?: string[] };

/**
 * Stores the messages of one verified delivery and queues them, in one short transaction, so the
 * platform is acknowledged at once. The platform's message id is a unique key: a redelivery finds
 * its row and queues nothing. Each new message is screened for secrets first, so nothing a person
 * posted is stored unmasked (the kinds found travel with it), then counted against its sender's
 * pace (at arrival, so a flood is seen as it comes, not as the queue drains it): one over the pace
 * is kept only as a small delivery row (who, which chat; no text) marked to be dropped, with the
 * polite notice due at most once per window. A public message with a secret is not held to the
 * pace: removing it matters more. A message a capability above the core will take (a side
 * conversation's partner) is held to a partner's pace instead (throttle.ts). `decorate` adds to a new message the desk keeps (the passive
 * first answer), never to a throttled one. Returns how many were new.
 */
export async function ingestMessages(
  services: Pick<Services, 'db' | 'jobs' | 'config' | 'channels'>,
  core: IngestCore,
  channelId: string,
  incoming: InboundMessage[],
  decorate?: (message: InboundMessage) => Promise<InboundMessage>,
): Promise<{ accepted: number; duplicates: number; throttled: number }> {
  const { db, jobs } = services;
  const seen = await alreadyStored(db, channelId, incoming);
  const payloads = new Map<InboundMessage, Record<string, unknown>>();
  let throttled = 0;
  for (const message of incoming) {
    const screening = screenPublicMessage(core.detector, message.text);
    const secrets = [...new Set(screening.secrets.map((s) => s.kind))];
    const masked: StoredMessage = {
      ...message,
      text: screening.text,
      // The sender's display name and file names are typed by the sender too (#20.9).
      from: { ...message.from, displayName: maskSecrets(message.from.displayName) ?? null },
      files: message.files.map((f) => ({ ...f, fileName: maskSecrets(f.fileName) ?? null })),
      ...(secrets.length ? { secrets } : {}),
    };
    let payload: Record<string, unknown> = masked as unknown as Record<string, unknown>;
    const fresh = !seen.has(message.platformMessageId);
    // Chatter in a group that is not addressed to the desk is never stored: it does not count.
    const counted = !message.isPublic || (message.addressed && secrets.length === 0);
    const partner = fresh && counted && (await services.channels.claimedOnArrival(channelId, message));
    let pace: Pace | null = null;
    if (partner) pace = await partnerPaceOf(core.limiter, services.config, channelId, message.chatId);
    else if (fresh && counted) pace = await paceOf(core.limiter, services.config, channelId, masked);
    if (pace?.throttled) {
      throttled++;
      payload = throttledPayload(message, pace.notify);
    } else if (fresh && decorate && !partner) {
      payload = (await decorate(masked)) as unknown as Record<string, unknown>;
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
  return { accepted, duplicates: incoming.length - accepted, throttled };
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
