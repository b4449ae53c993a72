/**
 * One Kefu node for the chat benchmark, in its own process (so the load generator does not share
 * its event loop). Reports its port, then answers "mem" with its memory after a full GC and
 * "stats" with the number of statements sent to PostgreSQL so far (round trips: BEGIN and COMMIT
 * count, as they are one each). Started by run.ts with --expose-gc. With BENCH_CPU_PROF set,
 * "profile" starts a V8 CPU profile and "profile-end" writes it there: only the phase measured,
 * not the setup of thousands of chats.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import pg from 'pg';
import { boot } from '../../server/src/boot.ts';
import { loadConfig } from '../../server/src/config/config.ts';
import { createLogger } from '../../server/src/platform/logger.ts';

// Counts every query any pooled client sends: the figure the benchmark divides by messages.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
const logger = createLogger('warn');
const { app } = await boot(config, logger);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ kind: 'ready', address });
const inspector = new Session();
inspector.connect();
process.on('message', async (m: { kind: string; name?: string }) => {
  if (m.kind === 'profile') {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  if (m.kind === 'profile-end') {
    const { profile } = await inspector.post('Profiler.stop');
    const dir = process.env.BENCH_CPU_PROF;
    if (dir) writeFileSync(join(dir, `${m.name ?? 'chat'}.cpuprofile`), JSON.stringify(profile));
    process.send?.({ kind: 'profiled' });
  }
  if (m.kind === 'mem') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ kind: 'mem', usage: process.memoryUsage() });
  }
  if (m.kind === 'stats') process.send?.({ kind: 'stats', statements });
  if (m.kind === 'stop') void app.close().finally(() => process.exit(0));
});
