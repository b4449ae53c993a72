import type { Socket } from 'node:net';
import type { App } from './services.ts';

/** The whole request (headers and body) must arrive within this, however steadily it trickles. */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;

const watched = new WeakSet<Socket>();

/**
 * A request body that stops arriving (an upload cut off mid-way, a client that sends half a body
 * and waits) would otherwise hold its handler, its temporary file and its socket forever: Fastify
 * turns Node's request timeout off. While a body is being received, the socket may stay silent at
 * most `idleMs`; then it is destroyed, the body stream fails, and the upload's temporary file is
 * removed by its own error path. Once the body has ended the idle limit is lifted again, so slow
 * handlers and keep-alive are not affected; WebSocket upgrades carry no body and are never watched.
 */
export function registerBodyTimeout(app: App, idleMs: number) {
  app.addHook('onRequest', async (request, reply) => {
    const { headers } = request;
    const hasBody =
      (headers['content-length'] !== undefined && headers['content-length'] !== '0') ||
      headers['transfer-encoding'] !== undefined;
    const socket = request.raw.socket as Socket | undefined;
    // app.inject() has no real socket; its bodies are whole.
    if (!hasBody || !socket || typeof socket.setTimeout !== 'function' || request.raw.complete) return;
    if (!watched.has(socket)) {
      watched.add(socket);
      socket.on('timeout', () => {
        app.log.warn({ idleMs, remote: socket.remoteAddress }, 'request body stalled; connection closed');
        socket.destroy();
      });
    }
    socket.setTimeout(idleMs);
    // Once the answer is out, Node's keep-alive timer owns the socket's idle time: leave it be.
    const lift = () => {
      if (!reply.raw.writableEnded) socket.setTimeout(0);
    };
    request.raw.once('end', lift);
  });
}
