import { type Database, pingDatabase } from '../db/client.ts';
import type { App } from './services.ts';

export function registerHealth(app: App, database: Database) {
  /** The process is up. */
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  /** The process can serve: its database answers. */
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await pingDatabase(database);
      return { status: 'ready', database: database.kind };
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed');
      reply.header('retry-after', '5');
      return reply.status(503).send({ status: 'unavailable', database: database.kind });
    }
  });
}
