/**
 * One Kefu node for the chat benchmark, in its own process (so the load generator does not share
 * its event loop). Reports its port, then answers "mem" with its memory after a full GC.
 * Started by run.ts with --expose-gc.
 */
import { boot } from '../../server/src/boot.ts';
import { loadConfig } from '../../server/src/config/config.ts';
import { createLogger } from '../../server/src/platform/logger.ts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
const logger = createLogger('warn');
const { app } = await boot(config, logger);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ kind: 'ready', address });
process.on('message', (m: { kind: string }) => {
  if (m.kind === 'mem') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ kind: 'mem', usage: process.memoryUsage() });
  }
  if (m.kind === 'stop') void app.close().then(() => process.exit(0));
});
