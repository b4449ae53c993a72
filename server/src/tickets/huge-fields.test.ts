import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

/**
 * Issue 20.13: a free visitor session and a ticket with 40,000 checklist keys blocked the event
 * loop ~40× as long as a normal create, building one problem message per key. `fields` is now
 * bounded by its schema (100 keys) and a refusal names at most 20 problems.
 */
let desk: TestDesk;
let visitor: Record<string, string>;
let categoryId: string;
beforeAll(async () => {
  desk = await createTestDesk();
  const session = await desk.app.inject({ method: 'POST', url: '/api/v1/customer/session', payload: {} });
  visitor = { authorization: `Bearer ${session.json().token}` };
  const categories = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' })).json();
  categoryId = categories.items.find((c: { form?: { fields?: unknown[] } }) => c.form?.fields?.length)?.id;
});
afterAll(async () => {
  await desk?.close();
});

/** Runs a request and measures how long the event loop was blocked (the longest stall seen). */
async function blockOf(payload: Record<string, unknown>) {
  // The longest gap between ticks of a 1 ms timer is the longest time nothing else could run.
  let last = performance.now();
  let maxBlockMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxBlockMs = Math.max(maxBlockMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const res = await desk.app.inject({ method: 'POST', url: '/api/v1/me/tickets', headers: visitor, payload });
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(ticker);
  return { res, ms, maxBlockMs };
}

describe('a ticket with 40,000 checklist keys from a free visitor session', () => {
  const manyKeys = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'x']));

  it('is refused by the schema with a short message, before any per-key work', async () => {
    const normal = await blockOf({ title: 'normal', description: 'a normal ticket', categoryId, fields: {} });
    const huge = await blockOf({ title: 'huge', description: 'many keys', categoryId, fields: manyKeys });
    console.info(
      `40,000-key fields: answered in ${huge.ms.toFixed(1)} ms (event loop blocked at most ${huge.maxBlockMs.toFixed(1)} ms); ` +
        `a normal create ${normal.ms.toFixed(1)} ms (blocked ${normal.maxBlockMs.toFixed(1)} ms)`,
    );
    expect(huge.res.statusCode).toBe(400);
    expect(huge.res.json().error.code).toBe('validation_failed');
    expect(huge.res.body.length).toBeLessThan(1_000);
  });

  it('100 unknown keys (within the schema) name at most 20 problems', async () => {
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'x']));
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: visitor,
      payload: { title: 't', description: 'd', categoryId, fields: hundred },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('invalid_fields');
    expect(error.fields.length).toBeLessThanOrEqual(20);
    expect(res.body.length).toBeLessThan(5_000);
  });
});
