/**
 * One Kefu node for `bench:agent-views --nodes N`: the real server (boot + listen on a free port),
 * started as a child process so that N nodes use N processes as a deployment would, one per core.
 * It tells the bench its port over IPC, and its own CPU time when asked, then runs until told to stop.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot } from '../../server/src/boot.ts';
import { loadConfig } from '../../server/src/config/config.ts';
import { createLogger } from '../../server/src/platform/logger.ts';

const send = (message: unknown) => process.send?.(message);
// BENCH_NODE_PROF=dir: a V8 CPU profile of this node, written there when it stops.
const profDir = process.env.BENCH_NODE_PROF;
const inspector = profDir ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
const config = loadConfig({
  DATA_DIR: await mkdtemp(join(tmpdir(), 'kefu-bench-node-')),
  DATABASE_URL: process.env.BENCH_NODE_DATABASE_URL ?? '',
  REDIS_URL: process.env.BENCH_NODE_REDIS_URL ?? '',
  SEED_DEMO: 'true',
  APP_SECRET: process.env.BENCH_NODE_APP_SECRET ?? '',
  CUSTOMER_JWT_SECRET: process.env.BENCH_NODE_JWT_SECRET ?? '',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  PORT: '0',
});
const { app } = await boot(config, createLogger('warn'));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
send({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async (message: { ask?: string }) => {
  if (message.ask === 'cpu') {
    const cpu = process.cpuUsage();
    send({ cpu: cpu.user + cpu.system });
  } else if (message.ask === 'stop') {
    // The bench's keep-alive sockets would hold `close` open.
    app.server.closeAllConnections();
    await app.close();
    if (inspector && profDir) {
      const { profile } = await inspector.post('Profiler.stop');
      await writeFile(join(profDir, `node-${process.pid}.cpuprofile`), JSON.stringify(profile));
    }
    process.exit(0);
  }
});
