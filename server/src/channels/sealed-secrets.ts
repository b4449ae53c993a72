import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openSealed, sealText } from '../identity/sealed.ts';
import { channels } from './schema.ts';

/**
 * A channel's secrets (a bot's token, a signing secret, an account's access token) are stored as
 * one sealed value, `{ "$sealed": "v1.…" }`: whoever holds a copy of the database cannot post as
 * the exchange's bot. Rows written before this are plain objects; they still open, and
 * `sealStoredChannelSecrets` seals them at boot.
 */
const PURPOSE = 'channel secrets';
const SEALED = '$sealed';

export type StoredSecrets = Record<string, string>;

export function sealChannelSecrets(appSecret: string, secrets: Record<string, string>): StoredSecrets {
  return { [SEALED]: sealText(appSecret, PURPOSE, JSON.stringify(secrets)) };
}

/** The secrets, or null when they cannot be opened (APP_SECRET changed since they were stored). */
export function openChannelSecrets(appSecret: string, stored: StoredSecrets): Record<string, string> | null {
  const sealed = stored[SEALED];
  if (sealed === undefined) return { ...stored };
  const text = openSealed(appSecret, PURPOSE, sealed);
  if (text === null) return null;
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return null;
  }
}

/** Seals the rows stored plain by an earlier version; returns how many it sealed. Safe on every node. */
export async function sealStoredChannelSecrets(db: Db, appSecret: string): Promise<number> {
  const plain = await db
    .select({ id: channels.id, secrets: channels.secrets })
    .from(channels)
    .where(sql`not (${channels.secrets} ? ${SEALED})`);
  for (const row of plain) {
    // Only if still plain: another node booting at the same time may have sealed it already.
    await db
      .update(channels)
      .set({ secrets: sealChannelSecrets(appSecret, row.secrets) })
      .where(sql`${eq(channels.id, row.id)} and not (${channels.secrets} ? ${SEALED})`);
  }
  return plain.length;
}
