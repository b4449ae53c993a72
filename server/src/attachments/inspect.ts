import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/** What Kefu accepts by default: pictures, PDFs and plain text. Everything else is refused. */
export const ALLOWED_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]);

/** Types shown inline in the browser; everything else downloads. */
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export type Inspection = { ok: true; contentType: string } | { ok: false; detected: string };

/**
 * Decides a file's type from its bytes: magic numbers first (file-type); with none, it may be text,
 * but only if it is valid UTF-8 with no control bytes and does not look like markup that a browser
 * would run (HTML, SVG, XML). The name and the declared type are never trusted.
 */
export async function inspectFile(path: string): Promise<Inspection> {
  const detected = await fileTypeFromFile(path);
  if (detected) {
    return ALLOWED_TYPES.has(detected.mime)
      ? { ok: true, contentType: detected.mime }
      : { ok: false, detected: detected.mime };
  }
  const head = await readHead(path, 64 * 1024);
  if (!isPlainText(head)) return { ok: false, detected: 'application/octet-stream' };
  if (looksLikeMarkup(head.toString('utf8'))) return { ok: false, detected: 'text/html' };
  return { ok: true, contentType: 'text/plain' };
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isPlainText(buf: Buffer): boolean {
  // A cut in the middle of a multi-byte character at the end of the sample is fine.
  const sample = buf.length === 64 * 1024 ? trimPartialUtf8(buf) : buf;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return false;
  }
  for (const byte of sample) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b) || byte === 0x7f) return false;
  }
  return true;
}

function trimPartialUtf8(buf: Buffer): Buffer {
  let end = buf.length;
  for (let i = 0; i < 3 && end > 0 && (buf[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && (buf[end - 1]! & 0xc0) === 0xc0) end--;
  return buf.subarray(0, end);
}

/** Markup a browser might render and run, anywhere near the start of the file. */
export function looksLikeMarkup(text: string): boolean {
  const start = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype|html|head|body|svg|\?xml|script|iframe|object|embed|meta|link|style|xml)\b/.test(start)) {
    return true;
  }
  return /<(script|svg|iframe|html|body)[\s>/]/i.test(text.slice(0, 65536));
}
