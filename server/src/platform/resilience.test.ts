import { createServer } from 'node:net';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redisBus } from '../chat/bus.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { type Database, openPostgres } from '../db/client.ts';
import { failOpen, memoryRateLimiter, type RateLimiter } from '../safety/rate-limiter.ts';
import { createDegradation } from './degradation.ts';
import { registerErrorHandling } from './http-errors.ts';
import { DEFAULT_EXPIRE_SECONDS, defineJob, MAIL_JOB_EXPIRE_SECONDS, queuePolicy } from './jobs.ts';
import { registerMetrics } from './metrics.ts';
import { redisPrefixFor } from './redis.ts';
import type { App } from './services.ts';
import { isDependencyUnavailable } from './unavailable.ts';

const DB_URL = process.env.KEFU_TEST_DATABASE_URL;

function silentLogger(lines: Array<{ level: number; msg: string }> = []) {
  return pino(
    { level: 'info' },
    {
      write(line: string) {
        const { level, msg } = JSON.parse(line) as { level: number; msg: string };
        lines.push({ level, msg });
      },
    },
  );
}

/** An app with only the platform's error handling and one route that fails as `fail` says. */
async function appFailingWith(fail: () => Promise<unknown>) {
  const app = Fastify({ logger: false }) as unknown as App;
  registerErrorHandling(app, { bodyBytes: 1024, uploadBytes: 1024 });
  app.get('/x', async () => fail());
  await app.ready();
  return app;
}

describe('a dependency away answers 503, never 500', () => {
  it('classifies PostgreSQL and Redis outages, and nothing else', () => {
    const pgError = (code: string) => Object.assign(new Error('x'), { code });
    expect(isDependencyUnavailable(pgError('57P01'))).toBe(true); // terminated backend
    expect(isDependencyUnavailable(pgError('57P03'))).toBe(true); // starting up
    expect(isDependencyUnavailable(pgError('08006'))).toBe(true);
    expect(isDependencyUnavailable(pgError('ECONNREFUSED'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Command timed out'))).toBe(true);
    // Wrapped, as Drizzle wraps the driver's error.
    expect(isDependencyUnavailable(new Error('Failed query', { cause: pgError('57P01') }))).toBe(true);
    expect(isDependencyUnavailable(pgError('23505'))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
  });

  it('answers the error shape in the caller’s language with Retry-After', async () => {
    const app = await appFailingWith(async () => {
      throw new Error('Failed query: insert …', {
        cause: Object.assign(new Error('terminating'), { code: '57P01' }),
      });
    });
    const zh = await app.inject({ method: 'GET', url: '/x' });
    expect(zh.statusCode).toBe(503);
    expect(zh.headers['retry-after']).toBe('5');
    expect(zh.json()).toEqual({
      error: { code: 'service_unavailable', message: '服务暂时不可用，请稍后再试' },
    });
    const en = await app.inject({ method: 'GET', url: '/x', headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toBe('The service is unavailable, please try again later');
    const bug = await appFailingWith(async () => {
      throw new TypeError('x is undefined');
    });
    expect((await bug.inject({ method: 'GET', url: '/x' })).statusCode).toBe(500);
    await app.close();
    await bug.close();
  });

  it.skipIf(!DB_URL)(
    'survives the backend of a checked-out client being terminated, and the request gets 503',
    async () => {
      const errors: Error[] = [];
      const database = (await openPostgres(DB_URL!, 2, (err) => errors.push(err))) as Extract<
        Database,
        { kind: 'postgres' }
      >;
      const admin = await openPostgres(DB_URL!, 1);
      try {
        // A transaction left open, as a request's would be, then its backend is ended.
        const client = await database.pool.connect();
        await client.query('begin');
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() pid');
        await admin.db.execute(`select pg_terminate_backend(${rows[0]!.pid})`);
        // Without a listener on the checked-out client this 'error' ended the process.
        for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect(errors.length).toBeGreaterThan(0);
        const app = await appFailingWith(() => client.query('select 1'));
        const res = await app.inject({ method: 'GET', url: '/x' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        client.release(new Error('broken'));
        await app.close();
        // The pool replaces the broken connection: the next query works.
        expect((await database.pool.query('select 1 as one')).rows[0]).toEqual({ one: 1 });
      } finally {
        await admin.close();
        await database.close();
      }
    },
  );
});

describe('rate limits while Redis is away', () => {
  const broken: RateLimiter = {
    hit: async () => {
      throw new Error('Connection is closed.');
    },
    close: async () => {},
  };

  it('fall back to this node’s own count, and say so once in the log and in the metrics', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const degradation = createDegradation(silentLogger(lines));
    let up = false;
    const flaky: RateLimiter = {
      hit: async (...args) => (up ? memoryRateLimiter().hit(...args) : broken.hit(...args)),
      close: async () => {},
    };
    const limiter = failOpen(flaky, (err) => degradation.fellBack('rate_limit', err), {
      fallback: memoryRateLimiter(),
      recovered: () => degradation.worked('rate_limit'),
    });
    // Still a limit: the third hit in the window is refused by the local count.
    expect((await limiter.hit('c1', 2, 10_000)).allowed).toBe(true);
    expect((await limiter.hit('c1', 2, 10_000)).allowed).toBe(true);
    expect((await limiter.hit('c1', 2, 10_000)).allowed).toBe(false);
    expect(degradation.degraded('rate_limit')).toBe(true);
    expect(lines.filter((l) => l.msg.startsWith('Redis unavailable'))).toHaveLength(1);

    const app = Fastify({ logger: false }) as unknown as App;
    registerMetrics(app, { token: null, extra: degradation.metrics });
    const scrape = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(await scrape()).toContain('kefu_redis_fallbacks_total{use="rate_limit"} 3');
    expect(await scrape()).toContain('kefu_redis_degraded{use="rate_limit"} 1');

    up = true;
    expect((await limiter.hit('c2', 2, 10_000)).allowed).toBe(true);
    expect(degradation.degraded('rate_limit')).toBe(false);
    expect(lines.some((l) => l.msg.startsWith('Redis is back'))).toBe(true);
    expect(await scrape()).toContain('kefu_redis_degraded{use="rate_limit"} 0');
    await app.close();
  });
});

describe('job expiry', () => {
  it('gives every kind an expiry far below pg-boss’s 15 minutes, mail sends 30 s', async () => {
    expect(defineJob({ name: 'x', retryLimit: 1, retryDelaySeconds: 1 }).expireInSeconds).toBe(
      DEFAULT_EXPIRE_SECONDS,
    );
    const { channelReply } = await import('../channels/transport.ts');
    const { emailNotice } = await import('../channels/email/channel.ts');
    const { customerNoticeMail, agentNoticeMail } = await import('../channels/email/notify.ts');
    for (const kind of [channelReply, emailNotice, customerNoticeMail, agentNoticeMail]) {
      expect(kind.expireInSeconds, kind.name).toBe(MAIL_JOB_EXPIRE_SECONDS);
      // Lost after the expiry, picked up within a minute: expiry + supervision + first retry delay.
      expect(kind.expireInSeconds + 10 + kind.retryDelaySeconds * 2, kind.name).toBeLessThanOrEqual(60);
      expect(queuePolicy(kind as never)).toMatchObject({ expireInSeconds: MAIL_JOB_EXPIRE_SECONDS });
    }
  });
});

describe('Redis shared by several desks, and away', () => {
  it('prefixes keys and channels by database number or REDIS_PREFIX', () => {
    expect(redisPrefixFor('redis://127.0.0.1:6379/3', undefined)).toBe('kefu:3:');
    expect(redisPrefixFor('redis://127.0.0.1:6379', undefined)).toBe('kefu:0:');
    expect(redisPrefixFor('redis://127.0.0.1:6379/3', 'desk-b:')).toBe('desk-b:');
    const env = {
      DATA_DIR: '/tmp/kefu-prefix-test',
      APP_SECRET: 'x'.repeat(32),
      CUSTOMER_JWT_SECRET: 'y'.repeat(32),
    };
    expect(loadConfig({ ...env, REDIS_URL: 'redis://h:6379/5' }).redisPrefix).toBe('kefu:5:');
    expect(() => loadConfig({ ...env, REDIS_URL: 'redis://h/1', REDIS_PREFIX: 'a b' })).toThrow(ConfigError);
  });

  it('the chat bus still delivers on this node, and fails quietly, when Redis does not answer', async () => {
    // A port nothing listens on: every connection is refused, as while Redis restarts.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const degradation = createDegradation(silentLogger());
    const started = Date.now();
    const bus = await redisBus(`redis://127.0.0.1:${port}/1`, { prefix: 'kefu:test:', degradation });
    const heard: unknown[] = [];
    bus.subscribe((m) => heard.push(m));
    await bus.publish({ kind: 'chat', ticketId: 't1' });
    expect(heard).toEqual([{ kind: 'chat', ticketId: 't1' }]);
    expect(degradation.degraded('chat_bus')).toBe(true);
    // Within the command timeout, not a stall until Redis returns.
    expect(Date.now() - started).toBeLessThan(6000);
    await bus.close();
  });
});
