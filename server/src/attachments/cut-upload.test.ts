import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';
import { attachments } from './schema.ts';

/**
 * An upload whose body is cut off (the client sends half and goes quiet) must not hold the
 * handler, the socket or a temporary file forever: after BODY_IDLE_SECONDS of silence the
 * connection is closed and nothing is kept.
 */
let desk: TestDesk;
let port: number;
let customer: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  desk = await createTestDesk({ BODY_IDLE_SECONDS: '1' });
  await desk.app.listen({ port: 0, host: '127.0.0.1' });
  port = (desk.app.server.address() as { port: number }).port;
  customer = (await desk.customer('u-cut-upload')).headers;
  admin = (await desk.signIn('admin')).write;
});
afterAll(async () => {
  await desk?.close();
});

/** Sends the headers and half of a multipart body over a raw socket; resolves when the server closes it. */
function sendHalfAnUpload(path: string, headers: Record<string, string>, chunked = false) {
  const boundary = 'cutboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const half = Buffer.concat([Buffer.from(head), Buffer.alloc(50_000, 1)]);
  const lines = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Content-Type: multipart/form-data; boundary=${boundary}`,
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${half.length * 2}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  const started = Date.now();
  return new Promise<{ closedAfterMs: number; answer: string }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept a cut-off upload open for 10 s'));
    }, 10_000);
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ closedAfterMs: Date.now() - started, answer });
    });
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(chunked ? Buffer.concat([Buffer.from(`${half.length.toString(16)}\r\n`), half]) : half);
    // …and nothing more.
  });
}

/** Whether the temporary files are gone (polled: the server cleans up asynchronously). */
const tempFilesSettled = () => eventually(async () => (await leftovers()).files.length === 0, 5_000);

async function leftovers() {
  const tmp = join(desk.config.dataDir, 'attachments', 'tmp');
  const files = await readdir(tmp).catch(() => []);
  const [row] = await desk.services.db.select({ n: count() }).from(attachments);
  return { files, rows: row!.n };
}

describe('an upload cut off mid-body', () => {
  it('POST /attachments: the connection is closed within the idle limit and nothing is kept', async () => {
    const before = await leftovers();
    const { closedAfterMs } = await sendHalfAnUpload('/api/v1/attachments', customer);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(5_000);
    await tempFilesSettled();
    expect((await leftovers()).rows).toBe(before.rows);
  });

  it('POST /attachments with a chunked body that stops', async () => {
    const { closedAfterMs } = await sendHalfAnUpload('/api/v1/attachments', customer, true);
    expect(closedAfterMs).toBeLessThan(5_000);
    await tempFilesSettled();
  });

  it('POST /help/admin/images as an admin', async () => {
    const { closedAfterMs } = await sendHalfAnUpload('/api/v1/help/admin/images', admin);
    expect(closedAfterMs).toBeLessThan(5_000);
    await tempFilesSettled();
  });

  it('a whole upload still goes through on the same server, and the server still answers', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'a.png');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/attachments`, {
      method: 'POST',
      headers: customer,
      body: form,
    });
    expect(res.status).toBe(201);
  });
});

/**
 * The body arrives whole but ends inside the file part (no closing boundary). This once hung the
 * handler under inject and, over a socket, threw an unheard stream error that would end the process.
 */
describe('a multipart body that is complete but ends inside the file part', () => {
  const boundary = 'endsinside';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello`;
  const type = `multipart/form-data; boundary=${boundary}`;

  it('over a socket: 400 in the error shape within a few seconds', async () => {
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/attachments`, {
      method: 'POST',
      headers: { ...customer, 'content-type': type },
      body,
      signal: AbortSignal.timeout(8_000),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(['bad_request', 'validation_failed']).toContain(answer.error.code);
    expect(answer.error.message).toBeTruthy();
  });

  it('through inject (as the fuzz walk sends it), for attachments and help images', async () => {
    for (const [url, headers] of [
      ['/api/v1/attachments', customer],
      ['/api/v1/help/admin/images', admin],
    ] as const) {
      const started = Date.now();
      const res = await Promise.race([
        desk.app.inject({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': type },
          payload: body,
        }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${url} hung`)), 8_000)),
      ]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.statusCode, res.body).toBe(400);
    }
    expect((await leftovers()).files).toEqual([]);
  });
});
