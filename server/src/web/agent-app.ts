import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from '../platform/services.ts';

/** Where `npm run build:agent` writes the agent workspace (web/dist/agent). */
export const AGENT_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist/agent');

/**
 * The workspace runs no inline script and loads nothing from elsewhere: even if a payload slipped
 * into the page, the browser would refuse to run it. Images may be attachments (same origin) or
 * the enrolment QR code (a data: URL built in the page).
 */
export const AGENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(reply: FastifyReply) {
  return reply
    .header('content-security-policy', AGENT_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY');
}

/** Serves the agent workspace at /agent/, answering index.html for any client-side route. */
export async function registerAgentApp(app: App, dist = AGENT_DIST) {
  const built = existsSync(join(dist, 'index.html'));
  if (!built) {
    app.get('/agent/*', { schema: { hide: true } }, async (_request, reply) =>
      secure(reply)
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The agent workspace is not built: run `npm run build` (npm start does it for you).'),
    );
    return;
  }
  const index = await readFile(join(dist, 'index.html'));
  const sendIndex = (reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      secure(reply);
    });
    // Only the hashed, never-changing build output is served as files; every other path under
    // /agent/ is a client-side route and gets index.html (always revalidated).
    await scope.register(fastifyStatic, {
      root: join(dist, 'assets'),
      prefix: '/agent/assets/',
      index: false,
      setHeaders: (res) => {
        res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    // The router ignores trailing slashes: this answers /agent and /agent/ alike.
    scope.get('/agent', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
    scope.get('/agent/*', { schema: { hide: true } }, async (request, reply) => {
      // A missing file is a 404, not the app (which would load as broken JavaScript).
      if (/\.[a-z0-9]{1,8}$/i.test(request.url.split('?')[0]!)) {
        return reply.status(404).type('text/plain').send('Not found');
      }
      return sendIndex(reply);
    });
  });
}
