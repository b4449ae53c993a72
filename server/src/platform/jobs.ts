import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Executor } from '../db/client.ts';

/**
 * A kind of background job: its queue name and its retry policy, declared next to the capability
 * that owns it, so nobody has to look elsewhere to know how a failure behaves.
 */
export interface JobKind<T extends object> {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  /**
   * How long one run may take before pg-boss counts it as lost and runs it again: a job whose node
   * died is picked up once this passes (within SUPERVISE_SECONDS more). Longer than the slowest
   * honest run (a mail send is bounded by the transport's timeouts), far below pg-boss's default
   * 15 minutes. A run that outlives it may overlap its retry, so effects carry idempotency keys.
   */
  expireInSeconds: number;
  /** Phantom: carries the data type. */
  readonly data?: T;
}

/** Jobs that say nothing run at most this long before they count as lost. */
export const DEFAULT_EXPIRE_SECONDS = 60;
/**
 * Mail sends: the transport gives up within 10 s connecting, 10 s for the greeting and 15 s of
 * silence (channels/email/outbound.ts), so a send still running after 30 s is lost.
 */
export const MAIL_JOB_EXPIRE_SECONDS = 30;
/** How often pg-boss looks for lost (expired) jobs; its default is a minute. */
export const SUPERVISE_SECONDS = 10;
/**
 * How often workers read pg-boss's cached count of each queue's waiting jobs, which decides whether
 * they fetch the next job at once (a backlog) or after the poll interval. (The count itself is
 * taken by pg-boss's monitor every SUPERVISE_SECONDS: a scan of the job table, kept at that pace.)
 */
const BACKLOG_SECONDS = 2;

export function defineJob<T extends object>(
  kind: Omit<JobKind<T>, 'data' | 'expireInSeconds'> & { expireInSeconds?: number },
): JobKind<T> {
  return { ...kind, expireInSeconds: kind.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS };
}

/** The pg-boss policy of a kind: what its queue is created (and kept up to date) with. */
export function queuePolicy(kind: JobKind<object>) {
  return {
    retryLimit: kind.retryLimit,
    retryDelay: kind.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: kind.expireInSeconds,
  };
}

export type JobHandler<T> = (data: T, context: { logger: Logger; retryCount: number }) => Promise<void>;

export interface Jobs {
  /**
   * Enqueue a job. Pass the open transaction to enqueue it atomically with the write that caused
   * it: if the write rolls back the job never existed; if it commits, the job will run.
   */
  send<T extends object>(kind: JobKind<T>, data: T, tx?: Executor): Promise<void>;
  /** Registers the handler of a kind; a kind handled twice is a programming error. */
  handle<T extends object>(kind: JobKind<T>, handler: JobHandler<T>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** pg-boss on the same database as everything else (its PGlite adapter in embedded mode). */
export function createJobs(database: Database, logger: Logger, pollSeconds: number): Jobs {
  const handlers = new Map<string, { kind: JobKind<object>; handler: JobHandler<object> }>();
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({
          db: fromPglite(database.pglite),
          backend: 'pglite',
          schedule: false,
          superviseIntervalSeconds: SUPERVISE_SECONDS,
          monitorIntervalSeconds: SUPERVISE_SECONDS,
          queueCacheIntervalSeconds: BACKLOG_SECONDS,
        })
      : new PgBoss({
          connectionString: database.url,
          max: 4,
          schedule: false,
          // Fail fast while the server is away; pg-boss's loops retry on their own interval.
          connectionTimeoutMillis: 3000,
          superviseIntervalSeconds: SUPERVISE_SECONDS,
          monitorIntervalSeconds: SUPERVISE_SECONDS,
          queueCacheIntervalSeconds: BACKLOG_SECONDS,
        });
  // While the database is away every worker's poll fails: one line per 10 s, not one per poll.
  let errorsSince = 0;
  let loggedAt = 0;
  boss.on('error', (err) => {
    errorsSince++;
    if (Date.now() - loggedAt < 10_000) return;
    loggedAt = Date.now();
    logger.error({ err, errors: errorsSince }, 'job queue error');
    errorsSince = 0;
  });
  let started = false;

  return {
    async send(kind, data, tx) {
      await boss.send(kind.name, data, {
        ...queuePolicy(kind as JobKind<object>),
        ...(tx ? { db: fromDrizzle(tx as never, sql as never) } : {}),
      });
    },
    handle(kind, handler) {
      if (handlers.has(kind.name)) throw new Error(`job "${kind.name}" has two handlers`);
      handlers.set(kind.name, { kind, handler: handler as JobHandler<object> });
    },
    async start() {
      await boss.start();
      for (const { kind, handler } of handlers.values()) {
        await boss.createQueue(kind.name, queuePolicy(kind));
        // A queue made by an older version keeps its old policy (15 min expiry) unless updated.
        await boss.updateQueue(kind.name, queuePolicy(kind));
        await boss.work<object>(
          kind.name,
          // One job a fetch, and the next fetch at once while more than one waits: without the
          // burst a worker took one job per poll interval however many waited (a Telegram group's
          // 30 messages took 15 s at 0.5 s; at the default 1 s a peak's backlog drains at one job a
          // second a node). The waiting count is pg-boss's queue statistics (its monitor counts
          // every SUPERVISE_SECONDS, workers read them every BACKLOG_SECONDS), so a backlog bursts
          // within about 12 s of building up. An empty fetch, or one that fails while the
          // database is away, falls back to the poll interval: no loop spins on an idle queue.
          {
            pollingIntervalSeconds: Math.max(0.5, pollSeconds),
            batchSize: 1,
            burstWhenReadyExceeds: 1,
          },
          async (batch) => {
            for (const job of batch) {
              const log = logger.child({ job: kind.name, jobId: job.id });
              await handler(job.data, { logger: log, retryCount: job.retryCount });
            }
          },
        );
      }
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
}
