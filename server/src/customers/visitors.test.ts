import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from '../safety/rate-limiter.ts';
import { assertVisitorPace } from './visitors.ts';

describe('visitor session pace', () => {
  it('allows the configured number per address in ten minutes, then 429 with Retry-After', async () => {
    let t = 1_000_000;
    const limiter = memoryRateLimiter(() => t);
    for (let i = 0; i < 3; i++) await assertVisitorPace(limiter, '203.0.113.1', 3);
    await expect(assertVisitorPace(limiter, '203.0.113.1', 3)).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await assertVisitorPace(limiter, '203.0.113.2', 3);
    t += 10 * 60_000;
    await assertVisitorPace(limiter, '203.0.113.1', 3);
  });
});
