import type { FastifyInstance } from 'fastify';

/** A multipart/form-data body with one file, as a browser would send it. */
export function multipartFile(
  fileName: string,
  bytes: Buffer,
  declaredType = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kefu${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${declaredType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A valid 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A small but well-formed PDF. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Uploads one file as `headers`' owner through the attachments route; its id. */
export async function uploadFile(
  app: Pick<FastifyInstance, 'inject'>,
  headers: Record<string, string>,
  name: string,
  bytes: Buffer,
): Promise<string> {
  const body = multipartFile(name, bytes);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload ${name}: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
