import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Services } from '../platform/services.ts';
import type { AdapterEnv, ChannelAdapter, ChannelRecord } from './adapter.ts';
import { channels } from './schema.ts';
import { openChannelSecrets } from './sealed-secrets.ts';

import { telegramAdapter } from './telegram/adapter.ts';
import { webhookAdapter } from './webhook/adapter.ts';
import { wechatAdapter } from './wechat/adapter.ts';
import { weiboAdapter } from './weibo/adapter.ts';

/** Every channel kind the desk can speak. A new platform is one more adapter here. */
const ADAPTERS: ChannelAdapter[] = [webhookAdapter, telegramAdapter, wechatAdapter, weiboAdapter];

export const CHANNEL_KINDS = ADAPTERS.map((a) => a.kind);

export function adapterFor(kind: string): ChannelAdapter | null {
  return ADAPTERS.find((a) => a.kind === kind) ?? null;
}

/**
 * A stored channel as its adapter sees it, its secrets opened. Secrets that cannot be opened
 * (APP_SECRET changed) come as none: the adapter's calls and signature checks then fail closed, and
 * the admin's list says so (`secretsUnreadable`) until they are entered again.
 */
export function toRecord(row: typeof channels.$inferSelect, appSecret: string): ChannelRecord {
  return openRecord(row, appSecret) ?? { ...describeChannel(row), secrets: {} };
}

/** The channel with its secrets opened, or null when they cannot be opened. */
export function openRecord(row: typeof channels.$inferSelect, appSecret: string): ChannelRecord | null {
  const secrets = openChannelSecrets(appSecret, row.secrets);
  return secrets ? { ...describeChannel(row), secrets } : null;
}

/** A stored channel without its secrets, for what reads only its settings (official accounts). */
export function describeChannel(row: typeof channels.$inferSelect): Omit<ChannelRecord, 'secrets'> {
  return { id: row.id, kind: row.kind, name: row.name, settings: row.settings, inboundKey: row.inboundKey };
}

export async function loadChannel(db: Executor, id: string) {
  const [row] = await db.select().from(channels).where(eq(channels.id, id));
  return row ?? null;
}

export function adapterEnv(services: Services, now: () => Date = () => new Date()): AdapterEnv {
  return {
    config: services.config,
    logger: services.logger.child({ capability: 'channels' }),
    now,
    tokens: {
      async get(channelId) {
        const [row] = await services.db
          .select({ token: channels.cachedToken, expiresAt: channels.cachedTokenExpiresAt })
          .from(channels)
          .where(eq(channels.id, channelId));
        // A minute of margin: a token about to expire is as good as expired.
        return row?.token && row.expiresAt && row.expiresAt.getTime() - 60_000 > now().getTime()
          ? row.token
          : null;
      },
      async put(channelId, token, expiresAt) {
        await services.db
          .update(channels)
          .set({ cachedToken: token, cachedTokenExpiresAt: expiresAt })
          .where(eq(channels.id, channelId));
      },
      async forget(channelId) {
        await services.db
          .update(channels)
          .set({ cachedToken: null, cachedTokenExpiresAt: null })
          .where(eq(channels.id, channelId));
      },
    },
    inboundUrl: (channel) =>
      new URL(`/api/v1/channels/inbound/${channel.inboundKey}`, services.config.publicUrl).href,
  };
}
