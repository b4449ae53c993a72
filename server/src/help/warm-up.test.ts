import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.ts';

const root = join(import.meta.dirname, '..', '..', '..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The first search after `npm start` must not load jieba's dictionary and OpenCC's tables: boot does
 * it before listening. Measured as the server's CPU for that request rather than its wall time: on
 * this shared 2-core machine the wall time mostly measures the other work. With the warm-up removed
 * from boot.ts the first search cost 280 ms of server CPU (1.5 s wall, load average 19); with it,
 * 10 ms (63 ms wall) in the same minute. The bound sits between, with room for a slower machine.
 */
const BOUND_SECONDS = 0.15;

describe('help search warm-up at boot', { timeout: 240_000 }, () => {
  it('answers the first search after boot without loading the segmenter', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kefu-warm-'));
    const port = await freePort();
    // No demo seeding: seeding imports the help center, which would load jieba anyway.
    child = spawn(process.execPath, [join(root, 'server/src/main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    let ready = false;
    for (let i = 0; i < 1800 && !ready && child.exitCode === null; i++) {
      ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toBe(true);

    const cpu0 = cpuSeconds(child.pid!);
    const t0 = performance.now();
    const res = await fetch(
      `${base}/api/v1/help/search?q=${encodeURIComponent('提幣一直沒到賬')}&lang=zh-CN`,
    );
    const wall = performance.now() - t0;
    const cpu = cpuSeconds(child.pid!) - cpu0;
    expect(res.status).toBe(200);
    expect((await res.json()).results).toEqual([]); // an empty help center: the cost is the segmenter's
    console.log(
      `first search after boot: ${Math.round(wall)} ms wall, ${Math.round(cpu * 1000)} ms server CPU`,
    );
    expect(cpu).toBeLessThan(BOUND_SECONDS);
  });
});
