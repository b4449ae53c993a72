import { Type } from '@fastify/type-provider-typebox';
import { desc, isNotNull, max, sql } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import type { Executor } from '../db/client.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { adapterEnv, adapterFor, loadChannel, toRecord } from './registry.ts';
import { channelDeliveries } from './schema.ts';

/** What the channel list shows an admin beside each channel: traffic seen and the last failure. */
export interface ChannelHealth {
  lastInAt: string | null;
  lastOutAt: string | null;
  lastError: { at: string; text: string } | null;
}

const NONE: ChannelHealth = { lastInAt: null, lastOutAt: null, lastError: null };

/** Health of every channel, from the delivery log (one grouped read plus one per failing channel). */
export async function channelHealth(db: Executor): Promise<(channelId: string) => ChannelHealth> {
  const traffic = await db
    .select({
      channelId: channelDeliveries.channelId,
      lastIn: max(
        sql`case when ${channelDeliveries.direction} = 'in' then ${channelDeliveries.createdAt} end`,
      ),
      lastOut: max(
        sql`case when ${channelDeliveries.direction} = 'out' and ${channelDeliveries.status} = 'sent' then ${channelDeliveries.createdAt} end`,
      ),
    })
    .from(channelDeliveries)
    .groupBy(channelDeliveries.channelId);
  const errors = await db
    .selectDistinctOn([channelDeliveries.channelId], {
      channelId: channelDeliveries.channelId,
      at: channelDeliveries.createdAt,
      text: channelDeliveries.error,
    })
    .from(channelDeliveries)
    .where(isNotNull(channelDeliveries.error))
    .orderBy(channelDeliveries.channelId, desc(channelDeliveries.createdAt));
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  const map = new Map<string, ChannelHealth>();
  for (const row of traffic) {
    map.set(row.channelId, { lastInAt: iso(row.lastIn), lastOutAt: iso(row.lastOut), lastError: null });
  }
  for (const row of errors) {
    const entry = map.get(row.channelId) ?? { ...NONE };
    entry.lastError = { at: row.at.toISOString(), text: row.text ?? '' };
    map.set(row.channelId, entry);
  }
  return (id) => map.get(id) ?? NONE;
}

/**
 * "Test connection": asks the platform whether it accepts the stored credentials now and answers
 * with what it said. A refusal is a result (200, ok: false), not an error of the request.
 */
export function registerChannelTestRoute(app: App, services: Services) {
  const env = adapterEnv(services);
  app.post(
    '/channels/:id/test',
    {
      schema: {
        tags: ['channels'],
        summary: "Check the channel's connection with its platform (admin)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const row = await loadChannel(services.db, request.params.id);
      if (!row) throw new AppError('channel_not_found');
      const adapter = adapterFor(row.kind);
      const result = adapter?.test
        ? await adapter.test(toRecord(row, services.config.appSecret), env)
        : { ok: true, detail: 'nothing to check for this kind' };
      const detail = result.detail.slice(0, 300);
      await audit(services.db, {
        ...agentActor(who.agentId, request),
        action: 'channel.test',
        targetType: 'channel',
        targetId: row.id,
        data: { ok: result.ok, detail },
      });
      return { ok: result.ok, detail, checkedAt: new Date().toISOString() };
    },
  );
}
