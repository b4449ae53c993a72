import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../../shared/chat-protocol.ts';

/**
 * A minimal chat client for tests and the benchmark: keeps every frame received, waits for the
 * ones it needs. (Not a mock: it speaks the real protocol to a real listening server.)
 */
export interface ChatClient {
  ws: WebSocket;
  frames: ServerFrame[];
  send(frame: ClientFrame): void;
  next<T extends ServerFrame>(match: (f: ServerFrame) => f is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  close(): Promise<void>;
  closed: Promise<void>;
}

export async function connectChat(
  url: string,
  options: { headers?: Record<string, string>; token?: string } = {},
): Promise<ChatClient> {
  const ws = new WebSocket(url, { headers: options.headers ?? {} });
  const frames: ServerFrame[] = [];
  const waiters: Array<{ match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    frames.push(frame);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.match(frame)) waiters.splice(i, 1)[0]!.resolve(frame);
    }
  });
  // How the socket ended, for a timeout's message: a wait that can never be met says why.
  let ending = '';
  const closed = new Promise<void>((resolve) =>
    ws.once('close', (code, reason) => {
      ending = `; the socket closed (${code}${reason.length ? ` ${String(reason)}` : ''})`;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: ChatClient = {
    ws,
    frames,
    closed,
    send(frame) {
      ws.send(JSON.stringify(frame));
    },
    waitFor(match, timeoutMs = 10_000) {
      // Frames already received count too: callers match on something unique (a seq, a clientId).
      const seen = frames.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const at = waiters.findIndex((w) => w.resolve === done);
          if (at >= 0) waiters.splice(at, 1);
          reject(
            new Error(
              `no matching frame in ${timeoutMs} ms${ending || `; socket state ${ws.readyState}`}; last: ${JSON.stringify(frames.slice(-3))}`,
            ),
          );
        }, timeoutMs);
        const done = (f: ServerFrame) => {
          clearTimeout(timer);
          resolve(f);
        };
        waiters.push({ match, resolve: done });
      });
    },
    next(match, timeoutMs) {
      return client.waitFor(match, timeoutMs) as never;
    },
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closed;
    },
  };
  if (options.token) client.send({ type: 'auth', token: options.token });
  await client.waitFor((f) => f.type === 'welcome' || f.type === 'error');
  return client;
}
