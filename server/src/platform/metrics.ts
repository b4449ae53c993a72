import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Histogram, type Metric, Registry } from 'prom-client';
import { AppError } from './errors.ts';
import type { App } from './services.ts';

/**
 * Prometheus metrics: one registry per app instance, so tests can build several apps.
 * With a token, only a scraper that presents it reads them: route names and volumes tell an
 * outsider how busy the desk is, which is not theirs to know.
 */
export function registerMetrics(app: App, options: { token: string | null; extra?: Metric[] }): Registry {
  const registry = new Registry();
  for (const metric of options.extra ?? []) registry.registerMetric(metric);
  collectDefaultMetrics({ register: registry, prefix: 'kefu_' });
  const duration = new Histogram({
    name: 'kefu_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids in paths would make unbounded label values.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
  const expected = options.token === null ? null : digest(options.token);
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { ownCredentials: true } },
    async (request, reply) => {
      if (expected !== null) {
        const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
        // Compare digests so the comparison takes the same time whatever the presented length.
        if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
          throw new AppError('unauthenticated', {}, { headers: { 'www-authenticate': 'Bearer' } });
        }
      }
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
  return registry;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
