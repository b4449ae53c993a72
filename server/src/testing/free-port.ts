import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on right now, chosen by the kernel. Children spawned by tests and
 * benches take one of these rather than a number derived from the pid: this machine runs other
 * services (epmd on 4369, NATS on 4222) inside any range we would pick.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
