import type { Services } from '../platform/services.ts';
import { type IngestCore, ingestMessages } from './ingest.ts';
import { syncOfficialAccounts } from './official-accounts.ts';
import { adapterEnv, adapterFor, toRecord } from './registry.ts';
import { channels } from './schema.ts';

/**
 * Runs the pull loops of channels that pull (see ChannelAdapter.startPulling): all at start-up,
 * one again whenever an admin saves it, none after shutdown. At start-up it also brings the
 * official-channel registry in step with every channel.
 */
export function createPullers(services: Services, core: IngestCore) {
  const running = new Map<string, () => Promise<void>>();
  let stopped = false;
  const env = adapterEnv(services);

  async function stopOne(id: string) {
    const stop = running.get(id);
    running.delete(id);
    if (stop) await stop();
  }

  async function restart(row: typeof channels.$inferSelect) {
    await stopOne(row.id);
    const adapter = adapterFor(row.kind);
    if (stopped || !row.enabled || !adapter?.startPulling) return;
    const stop = adapter.startPulling(toRecord(row, services.config.appSecret), env, async (messages) => {
      await ingestMessages(services, core, row.id, messages);
    });
    if (stop) running.set(row.id, stop);
  }

  return {
    restart,
    /** Stops pulling for a channel being deleted. */
    stop: stopOne,
    async startAll() {
      for (const row of await services.db.select().from(channels)) {
        // The registry follows the channels as they are now (set up before this version, too).
        await syncOfficialAccounts(services.db, row).catch((err) =>
          services.logger.warn({ err, channel: row.id }, 'official accounts not synced'),
        );
        if (row.enabled) await restart(row);
      }
    },
    async stopAll() {
      stopped = true;
      await Promise.all([...running.keys()].map(stopOne));
    },
  };
}

export type Pullers = ReturnType<typeof createPullers>;
