// Issue #20.13, replayed over HTTP: one anonymous caller with a free visitor session sends a ticket
// with 40,000 checklist keys (and other routes 40,000-key bodies). Before the fix the create built
// one problem message per key, blocked the event loop ~40× as long as a normal create (0.36 s
// against 0.009 s on a quiet machine) and answered with a body of megabytes; /healthz went
// unanswered meanwhile on a loaded machine. Now every schema bounds keys, sizes and nesting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnFreePort } from '../testing/browser.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let base: string;
let visitor: Record<string, string>;
let categoryId: string;
beforeAll(async () => {
  desk = await createTestDesk();
  base = await listenOnFreePort(desk.app);
  const session = await fetch(`${base}/api/v1/customer/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  visitor = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
  const categories = (await (await fetch(`${base}/api/v1/categories`)).json()) as {
    items: Array<{ id: string; form?: { fields?: unknown[] } }>;
  };
  categoryId = categories.items.find((c) => c.form?.fields?.length)!.id;
});
afterAll(async () => {
  await desk?.close();
});

const manyKeys = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'x']));

/** Sends a request and, meanwhile, measures the longest stall of the event loop. */
async function measured(url: string, body: unknown, headers: Record<string, string> = {}) {
  let last = performance.now();
  let maxBlockMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxBlockMs = Math.max(maxBlockMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  clearInterval(ticker);
  return { status: res.status, text, ms, maxBlockMs };
}

describe('40,000-key bodies from an anonymous caller', () => {
  it('a ticket with 40,000 checklist keys is refused by its schema with a short answer', async () => {
    const normal = await measured(
      '/api/v1/me/tickets',
      { title: 'normal', description: 'a normal ticket', categoryId, fields: {} },
      visitor,
    );
    expect(normal.status).toBe(201);
    const huge = await measured(
      '/api/v1/me/tickets',
      { title: 'huge', description: 'many keys', categoryId, fields: manyKeys },
      visitor,
    );
    console.info(
      `#20.13 over HTTP: 40,000-key fields answered ${huge.status} in ${huge.ms.toFixed(1)} ms ` +
        `(event loop blocked at most ${huge.maxBlockMs.toFixed(1)} ms, answer ${huge.text.length} bytes); ` +
        `a normal create ${normal.ms.toFixed(1)} ms (blocked ${normal.maxBlockMs.toFixed(1)} ms)`,
    );
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.text).error.code).toBe('validation_failed');
    // Before the fix: one problem per key, megabytes of answer.
    expect(huge.text.length).toBeLessThan(1_000);
  });

  it('every anonymous JSON route refuses a 40,000-key body in the error shape, and /healthz still answers', async () => {
    for (const url of [
      '/api/v1/customer/session',
      '/api/v1/auth/sign-in',
      '/api/v1/me/tickets',
      '/api/v1/me/safety/check',
      '/api/v1/safety/scan',
    ]) {
      const [res, health] = await Promise.all([
        measured(url, manyKeys, url.startsWith('/api/v1/me') ? visitor : {}),
        fetch(`${base}/healthz`).then((r) => r.status),
      ]);
      // A route that is not there (404) would prove nothing.
      expect(res.status, `${url}: ${res.text.slice(0, 200)}`).not.toBe(404);
      expect(res.status, `${url}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, url).toBeLessThan(500);
      expect(JSON.parse(res.text).error.code, url).toBeTruthy();
      expect(res.text.length, url).toBeLessThan(2_000);
      expect(health).toBe(200);
    }
  });
});
