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
  /** Phantom: carries the data type. */
  readonly data?: T;
}

export function defineJob<T extends object>(kind: Omit<JobKind<T>, 'data'>): JobKind<T> {
  return kind;
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
      ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schedule: false })
      : new PgBoss({ connectionString: database.url, max: 4, schedule: false });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  let started = false;

  return {
    async send(kind, data, tx) {
      await boss.send(kind.name, data, {
        retryLimit: kind.retryLimit,
        retryDelay: kind.retryDelaySeconds,
        retryBackoff: true,
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
        await boss.createQueue(kind.name, {
          retryLimit: kind.retryLimit,
          retryDelay: kind.retryDelaySeconds,
          retryBackoff: true,
        });
        await boss.work<object>(
          kind.name,
          { pollingIntervalSeconds: Math.max(0.5, pollSeconds), batchSize: 1 },
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
