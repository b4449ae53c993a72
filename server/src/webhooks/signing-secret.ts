import { randomBytes } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { openSealed, sealText } from '../identity/sealed.ts';
import { webhookSubscriptions } from './schema.ts';

/**
 * A subscription's signing secret is stored sealed under APP_SECRET (`v1.…`), so a copy of the
 * database cannot forge deliveries to the receivers. Rows of earlier versions hold the secret
 * itself (`whsec_…`): they still open, and `sealStoredSigningSecrets` seals them at boot.
 */
const PURPOSE = 'webhook signing secret';
const PLAIN_PREFIX = 'whsec_';

export function newSigningSecret(): string {
  return `${PLAIN_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export function sealSigningSecret(appSecret: string, secret: string): string {
  return sealText(appSecret, PURPOSE, secret);
}

/** The secret, or null when it cannot be opened (APP_SECRET changed since): rotate it then. */
export function openSigningSecret(appSecret: string, stored: string): string | null {
  return stored.startsWith(PLAIN_PREFIX) ? stored : openSealed(appSecret, PURPOSE, stored);
}

/** Seals the secrets stored plain by an earlier version; returns how many. Safe on every node. */
export async function sealStoredSigningSecrets(db: Db, appSecret: string): Promise<number> {
  const plain = await db
    .select({ id: webhookSubscriptions.id, secret: webhookSubscriptions.secret })
    .from(webhookSubscriptions)
    .where(like(webhookSubscriptions.secret, `${PLAIN_PREFIX}%`));
  for (const row of plain) {
    await db
      .update(webhookSubscriptions)
      .set({ secret: sealSigningSecret(appSecret, row.secret) })
      .where(and(eq(webhookSubscriptions.id, row.id), eq(webhookSubscriptions.secret, row.secret)));
  }
  return plain.length;
}
