import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestDesk, openTestDatabase, type TestDesk } from '../testing/harness.ts';
import { createLogger } from './logger.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('operations endpoints', () => {
  it('/healthz and /readyz answer without sign-in', async () => {
    const health = await desk.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await desk.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: desk.services.database.kind });
  });

  it('/metrics exposes Prometheus text with request durations by route pattern', async () => {
    await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
    await desk.app.inject({ method: 'GET', url: '/api/v1/tickets/KF-000100' });
    const res = await desk.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('kefu_process_cpu_user_seconds_total');
    expect(res.body).toMatch(
      /kefu_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/categories",status="200"\} \d+/,
    );
    // Route patterns, not raw ids.
    expect(res.body).toContain('route="/api/v1/tickets/:id"');
    expect(res.body).not.toContain('KF-000100');
  });

  it('/metrics answers only the scraper that presents METRICS_TOKEN when one is set', async () => {
    const token = 'scrape-token-0123456789abcdef';
    const { database, drop } = await openTestDatabase();
    const { app } = await buildApp({
      config: { ...desk.config, metricsToken: token },
      database,
      logger: createLogger('silent'),
    });
    await app.ready();
    try {
      const anonymous = await app.inject({ method: 'GET', url: '/metrics' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('unauthenticated');
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');
      const wrong = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}x` },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('kefu_process_cpu_user_seconds_total');
    } finally {
      await app.close().catch(() => {});
      await database.close();
      await drop();
    }
  });

  it('x-request-id: echoed when sane, generated otherwise, also on errors', async () => {
    const given = await desk.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await desk.app.inject({ method: 'GET', url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await desk.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a b\r\nSet-Cookie: x' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const error = await desk.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': 'err-1' },
    });
    expect(error.statusCode).toBe(404);
    expect(error.headers['x-request-id']).toBe('err-1');
    expect(error.json().error.code).toBe('not_found');
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await desk.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/me/tickets');
    const page = await desk.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // The routes are public knowledge (the document above), so an unknown path is simply 404, signed in
    // or not, in the one error shape.
    const unknown = await desk.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const { database, drop } = await openTestDatabase();
    const { app } = await buildApp({ config: desk.config, database, logger: createLogger('silent') });
    await app.ready();
    await database.close();
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', database: database.kind });
    } finally {
      await app.close().catch(() => {});
      await drop();
    }
  });
});
