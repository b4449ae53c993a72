import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../platform/redis.ts';
import { checkCustomerMessage } from './civility.ts';
import { failOpen, memoryRateLimiter, type RateLimiter, redisRateLimiter } from './rate-limiter.ts';

const redisUrl = process.env.KEFU_TEST_REDIS_URL;

function behavesAsALimiter(name: string, make: () => RateLimiter) {
  describe(name, () => {
    const limiter = make();
    afterAll(() => limiter.close());

    it('allows the limit, refuses the next, and says when to retry', async () => {
      const key = `t:${randomBytes(4).toString('hex')}`;
      for (let i = 1; i <= 3; i++) expect((await limiter.hit(key, 3, 2_000)).allowed).toBe(true);
      const over = await limiter.hit(key, 3, 2_000);
      expect(over.allowed).toBe(false);
      expect(over.count).toBe(4);
      expect(over.retryAfterMs).toBeGreaterThan(0);
      expect(over.retryAfterMs).toBeLessThanOrEqual(2_000);
    });

    it('opens a new window when the old one ends', async () => {
      const key = `t:${randomBytes(4).toString('hex')}`;
      await limiter.hit(key, 1, 150);
      expect((await limiter.hit(key, 1, 150)).allowed).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
      expect((await limiter.hit(key, 1, 150)).allowed).toBe(true);
    });

    it('refuses a repeated message and a burst with the reason', async () => {
      const customer = randomBytes(4).toString('hex');
      await checkCustomerMessage(limiter, customer, 'where is my money');
      await checkCustomerMessage(limiter, customer, 'Where is my   money');
      await expect(checkCustomerMessage(limiter, customer, 'where is my money')).rejects.toMatchObject({
        code: 'repeated_message',
        status: 429,
      });
      for (let i = 0; i < 3; i++) await checkCustomerMessage(limiter, customer, `message ${i}`);
      await expect(checkCustomerMessage(limiter, customer, 'one more')).rejects.toMatchObject({
        code: 'slow_down',
      });
    });
  });
}

behavesAsALimiter('memory rate limiter', () => memoryRateLimiter());

it('lets requests through, and says so, when the store fails', async () => {
  const broken: RateLimiter = {
    hit: async () => {
      throw new Error('connection refused');
    },
    close: async () => {},
  };
  const warnings: unknown[] = [];
  const limiter = failOpen(broken, (err) => warnings.push(err));
  expect((await limiter.hit('k', 1, 1000)).allowed).toBe(true);
  expect(warnings).toHaveLength(1);
});

if (redisUrl) {
  // Database 15 and a unique prefix: nothing else's keys are touched.
  behavesAsALimiter('redis rate limiter', () => {
    const url = new URL(redisUrl);
    url.pathname = '/15';
    return redisRateLimiter(createRedis(url.toString()), `kefu-test:${randomBytes(6).toString('hex')}:`);
  });

  it('shares one count between two nodes', async () => {
    const url = new URL(redisUrl);
    url.pathname = '/15';
    const prefix = `kefu-test:${randomBytes(6).toString('hex')}:`;
    const a = redisRateLimiter(createRedis(url.toString()), prefix);
    const b = redisRateLimiter(createRedis(url.toString()), prefix);
    try {
      expect((await a.hit('k', 2, 5_000)).allowed).toBe(true);
      expect((await b.hit('k', 2, 5_000)).allowed).toBe(true);
      expect((await a.hit('k', 2, 5_000)).allowed).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });
} else {
  it.skip('redis rate limiter: KEFU_TEST_REDIS_URL is not set (CI sets it)', () => {});
}
