import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from '../platform/services.ts';

/** Where `npm run build:customer` writes the customer app. */
export const CUSTOMER_DIST = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'web',
  'dist',
  'customer',
);

/** The paths the customer single-page app answers; later pages (/contact, /chat, /tickets, /verify) are added here. */
export const CUSTOMER_PAGES = ['/help', '/contact', '/chat', '/tickets', '/inbox', '/verify', '/rate'];

/**
 * The pages hold a customer's session, so only the desk itself and the host app's own web origins
 * (EMBED_ORIGINS) may frame them: anyone else framing them could trick a customer into clicks.
 */
function contentSecurityPolicy(embedOrigins: string[]): string {
  return [...BASE_CSP, `frame-ancestors 'self'${embedOrigins.map((o) => ` ${o}`).join('')}`].join('; ');
}

const BASE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
];

/**
 * Serves the built customer app: hashed assets under /c/ (pre-compressed, cached for a year) and
 * index.html for every customer page path, so the app's own router shows the page. GET / goes to
 * the help center.
 */
export async function registerCustomerApp(app: App, embedOrigins: string[] = []) {
  const CSP = contentSecurityPolicy(embedOrigins);
  const indexPath = join(CUSTOMER_DIST, 'index.html');
  const built = existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(CUSTOMER_DIST, 'assets'),
      prefix: '/c/assets/',
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      index: false,
      decorateReply: false,
    });
  }
  // Read once: the file only changes with a new build, which means a restart.
  const html = built ? readFileSync(indexPath, 'utf8') : null;
  const sendIndex = (reply: FastifyReply) => {
    if (!html) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The customer app is not built: run `npm run build` (npm start does it for you).');
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(html);
  };
  for (const page of CUSTOMER_PAGES) {
    app.get(page, { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
    app.get(`${page}/*`, { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  }
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/help${query}`, 302);
  });
  // Without a build there is no page to show: unknown paths keep the JSON answer.
  return built ? sendIndex : undefined;
}
