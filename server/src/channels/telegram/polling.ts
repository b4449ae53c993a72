import type { AdapterEnv, ChannelRecord, InboundMessage } from '../adapter.ts';
import { botApi, identityOf } from './adapter.ts';
import { messageFromUpdate } from './parse.ts';

/**
 * Long polling (getUpdates) for local development, where Telegram cannot reach a webhook. Updates
 * go through the same core as webhook deliveries; the offset is only advanced once they are stored.
 */
export function startTelegramPolling(
  channel: ChannelRecord,
  env: AdapterEnv,
  deliver: (messages: InboundMessage[]) => Promise<void>,
): (() => Promise<void>) | null {
  if (channel.settings.mode !== 'polling') return null;
  const api = botApi(channel);
  const timeout =
    typeof channel.settings.pollTimeoutSeconds === 'number' ? channel.settings.pollTimeoutSeconds : 25;
  const abort = new AbortController();
  let offset: number | undefined;
  const loop = (async () => {
    while (!abort.signal.aborted) {
      try {
        const updates = await api.getUpdates(
          { offset, timeout, allowed_updates: ['message'] },
          abort.signal as unknown as Parameters<typeof api.getUpdates>[1],
        );
        const messages = updates
          .map((u) => messageFromUpdate(u, identityOf(channel)))
          .filter((m): m is InboundMessage => m !== null);
        if (messages.length) await deliver(messages);
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        else if (timeout < 1) await sleep(500, abort.signal);
      } catch (err) {
        if (abort.signal.aborted) break;
        env.logger.warn({ channel: channel.id, err: (err as Error).message }, 'telegram polling failed');
        await sleep(5000, abort.signal);
      }
    }
  })();
  return async () => {
    abort.abort();
    await loop;
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
