import type { Executor } from '../db/client.ts';
import { syncChannelAccounts } from '../safety/channels.ts';
import { adapterFor, describeChannel } from './registry.ts';
import type { channels } from './schema.ts';

/**
 * Keeps the official-channel registry (the /verify page and API) in step with a channel: run
 * whenever a channel is created or changed. A disabled channel's accounts leave the registry.
 */
export async function syncOfficialAccounts(db: Executor, row: typeof channels.$inferSelect): Promise<void> {
  const adapter = adapterFor(row.kind);
  const accounts =
    row.enabled && adapter?.officialAccounts ? adapter.officialAccounts(describeChannel(row)) : [];
  await syncChannelAccounts(db, row.id, accounts);
}
