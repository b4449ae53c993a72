import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { eventually, openTestDatabase } from '../testing/harness.ts';
import { createJobs, defineJob, type Jobs } from './jobs.ts';
import { createLogger } from './logger.ts';

/**
 * A worker with a backlog does not pause a poll interval between jobs. Before, pg-boss fetched one
 * job per interval however many waited: at the default 1 s a peak's backlog (inbound messages,
 * mail, webhooks) drained at one job a second a node. Gaps are compared with the interval, not
 * timed against a budget: a loaded machine slows jobs down, it does not make them pause 2 s.
 */
const POLL_SECONDS = 2;
const BACKLOG = 40;
const ticked = defineJob<{ n: number }>({ name: 'test-backlog-tick', retryLimit: 0, retryDelaySeconds: 1 });

describe('job workers with a backlog', () => {
  let db: { database: Database; drop(): Promise<void> };
  let jobs: Jobs;
  const started: number[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    jobs = createJobs(db.database, createLogger('silent'), POLL_SECONDS);
    jobs.handle(ticked, async () => {
      started.push(Date.now());
    });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    await db.drop();
  });

  it('take the next job at once while more wait, not one job per poll interval', async () => {
    for (let n = 0; n < BACKLOG; n++) await jobs.send(ticked, { n });
    await eventually(async () => started.length === BACKLOG, 60_000);
    const gaps = started.slice(1).map((t, i) => t - started[i]!);
    // Once the backlog shows in pg-boss's queue statistics the rest follow without a pause: most
    // gaps are far under the poll interval (at one job per interval all 39 would be about 2 s).
    const quick = gaps.filter((g) => g < (POLL_SECONDS * 1000) / 2).length;
    expect(quick, `gaps between jobs (ms): ${gaps.join(', ')}`).toBeGreaterThanOrEqual(BACKLOG / 2);
  }, 90_000);
});
