/** The limit to compare with: a bare `ws` server that echoes every frame, nothing stored. */
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
server.on('connection', (ws) => {
  ws.on('message', (data) => {
    // Echo as the "agent side": every client gets what it sent, like a delivered message.
    ws.send(data);
  });
});
server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ kind: 'ready', address: `http://127.0.0.1:${port}` });
});
process.on('message', (m: { kind: string }) => {
  if (m.kind === 'mem') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ kind: 'mem', usage: process.memoryUsage() });
  }
  if (m.kind === 'stop') server.close(() => process.exit(0));
});
