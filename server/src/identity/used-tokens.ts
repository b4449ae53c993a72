import { lt } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import type { TokenIdStore } from './customer-token.ts';
import { usedIdentityTokens } from './schema.ts';
import { hashToken } from './secrets.ts';

/**
 * The database as the store of used identity-token ids: one insert that does nothing on a
 * conflict, so two nodes given the same token at once open one session between them.
 */
export function usedTokenStore(db: Db): TokenIdStore {
  return async (issuer, jti, expiresAt) => {
    const rows = await db
      .insert(usedIdentityTokens)
      .values({ idHash: hashToken(`${issuer ?? ''}\u0000${jti}`), expiresAt })
      .onConflictDoNothing()
      .returning({ idHash: usedIdentityTokens.idHash });
    return rows.length > 0;
  };
}

/** Housekeeping: ids of tokens that have expired cannot be replayed anyway. */
export async function deleteExpiredTokenIds(db: Executor): Promise<void> {
  await db.delete(usedIdentityTokens).where(lt(usedIdentityTokens.expiresAt, new Date()));
}
