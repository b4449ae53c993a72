import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { multipartFile, PNG_1X1, TINY_PDF } from '../testing/multipart.ts';

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk({ MAX_UPLOAD_MB: '1' });
});
afterAll(async () => {
  await desk?.close();
});
const inject = (opts: InjectOptions) => desk.app.inject(opts);

async function upload(headers: Record<string, string>, name: string, bytes: Buffer, type?: string) {
  const body = multipartFile(name, bytes, type);
  return inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...headers, ...body.headers, 'accept-language': 'en' },
    payload: body.payload,
  });
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
const PE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64, 0),
  Buffer.from('PE\0\0'),
  Buffer.alloc(200, 0),
]);

describe('uploads are judged by their bytes', () => {
  it.each([
    ['an ELF executable named .png', 'photo.png', ELF, 'image/png'],
    ['a PE executable named .png', 'receipt.png', PE, 'image/png'],
    [
      'an SVG with a script',
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
    ],
    [
      'an SVG with a script behind an XML prolog',
      'logo.png',
      Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'image/png',
    ],
    [
      'an HTML page called .png',
      'screenshot.png',
      Buffer.from('<!doctype html><html><body><script>fetch("/api")</script></body></html>'),
      'image/png',
    ],
    [
      'HTML after some text',
      'notes.txt',
      Buffer.from('hello there\n\n<script>alert(document.cookie)</script>'),
      'text/plain',
    ],
    [
      'a zip archive',
      'statement.pdf',
      Buffer.from('504b0304140000000800000000000000000000000000000000000000', 'hex'),
      'application/pdf',
    ],
  ])('refuses %s', async (_what, name, bytes, type) => {
    const customer = await desk.customer('u-up-1');
    const res = await upload(customer.headers, name, bytes, type);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('file_type_not_allowed');
  });

  it('refuses a 0-byte file and an oversized one', async () => {
    const customer = await desk.customer('u-up-2');
    const empty = await upload(customer.headers, 'empty.png', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('file_empty');
    const big = await upload(
      customer.headers,
      'big.png',
      Buffer.concat([PNG_1X1, Buffer.alloc(1024 * 1024 + 10, 1)]),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('1 MB'),
    });
  });

  it('refuses a request that is not multipart, or has no file', async () => {
    const customer = await desk.customer('u-up-3');
    const json = await inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: customer.headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
  });
});

describe('downloads', () => {
  it('serves good files with safe headers, only to those who may see them', async () => {
    const owner = await desk.customer('u-dl-owner');
    const stranger = await desk.customer('u-dl-stranger');
    const png = (await upload(owner.headers, '截图 1.png', PNG_1X1, 'image/png')).json();
    expect(png.contentType).toBe('image/png');
    const pdf = (await upload(owner.headers, 'statement.pdf', TINY_PDF)).json();
    expect(pdf.contentType).toBe('application/pdf');
    const txt = (
      await upload(owner.headers, 'log.exe', Buffer.from('order 123 failed at 10:00\n订单失败'))
    ).json();
    expect(txt.contentType).toBe('text/plain');

    const ticket = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: owner.headers,
      payload: { title: 'evidence', description: 'see files', attachmentIds: [png.id, pdf.id, txt.id] },
    });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json().messages[0].attachments).toHaveLength(3);

    const get = (id: string, headers: Record<string, string>) =>
      inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers });
    const image = await get(png.id, owner.headers);
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.equals(PNG_1X1)).toBe(true);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain("default-src 'none'");
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(image.headers['content-disposition']).toMatch(
      /^inline; filename="__ 1.png"; filename\*=UTF-8''%E6%88%AA/,
    );
    const doc = await get(pdf.id, owner.headers);
    expect(doc.headers['content-disposition']).toMatch(/^attachment;/);
    const text = await get(txt.id, owner.headers);
    expect(text.headers['content-disposition']).toMatch(/^attachment;/);
    expect(text.headers['content-type']).toBe('text/plain');

    const lin = await desk.signIn('lin');
    expect((await get(pdf.id, lin.read)).statusCode).toBe(200);
    expect((await get(pdf.id, await desk.apiToken(['tickets:read']))).statusCode).toBe(200);
    expect((await get(pdf.id, await desk.apiToken(['customers:read']))).statusCode).toBe(403);
    expect((await get(pdf.id, stranger.headers)).statusCode).toBe(404);
    expect((await get(pdf.id, {})).statusCode).toBe(401);
  });

  it('keeps internal-note attachments from the customer', async () => {
    const customer = await desk.customer('u-dl-note');
    const ticket = (
      await inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title: 'note files', description: 'agent will attach a note file' },
      })
    ).json();
    const lin = await desk.signIn('lin');
    const internal = (await upload(lin.write, 'risk-report.pdf', TINY_PDF)).json();
    const shared = (await upload(lin.write, 'guide.png', PNG_1X1)).json();
    const note = await inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body: 'risk report', visibility: 'internal', attachmentIds: [internal.id] },
    });
    expect(note.statusCode).toBe(201);
    await inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: lin.write,
      payload: { body: 'see the guide', attachmentIds: [shared.id] },
    });
    const get = (id: string) =>
      inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: customer.headers });
    expect((await get(internal.id)).statusCode).toBe(404);
    expect((await get(shared.id)).statusCode).toBe(200);
    const view = (
      await inject({ method: 'GET', url: `/api/v1/me/tickets/${ticket.id}`, headers: customer.headers })
    ).json();
    expect(JSON.stringify(view)).not.toContain(internal.id);
    expect(view.attachmentCount).toBe(1);
  });

  it("does not let one uploader attach another one's file", async () => {
    const a = await desk.customer('u-dl-a');
    const b = await desk.customer('u-dl-b');
    const file = (await upload(a.headers, 'a.png', PNG_1X1)).json();
    const res = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: b.headers,
      payload: { title: 'steal', description: 'using a file id I saw', attachmentIds: [file.id] },
    });
    expect(res.statusCode).toBe(400);
  });
});
