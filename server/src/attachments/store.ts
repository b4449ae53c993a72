import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { maskSecrets } from '../safety/mask.ts';
import { inspectFile } from './inspect.ts';
import type { Uploader } from './link.ts';
import { cleanFileName } from './names.ts';
import { attachments } from './schema.ts';
import type { AttachmentStorage } from './storage.ts';

export interface StoreAttachmentInput {
  source: Readable;
  fileName: string | undefined;
  uploader: Uploader;
  /** The upload limit, for the error message. */
  limitBytes: number;
  /** Whether the source stopped at the size limit (multipart streams say so after the fact). */
  truncated?: () => boolean;
}

/**
 * Stores one file the same way wherever it comes from (an upload, a mail attachment): streamed to
 * a temporary object, refused if cut at the limit, empty, or not an allowed type by its bytes,
 * then committed and recorded as belonging to its uploader until a message links it.
 */
export async function storeAttachment(db: Executor, storage: AttachmentStorage, input: StoreAttachmentInput) {
  const hash = createHash('sha256');
  // Hash on the way through: a 'data' listener would start the flow before storage reads it.
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // pipeline, not pipe: a source that fails (a multipart body cut inside the file) must fail the
  // hashing stream with an error someone listens to, even before storage starts reading it —
  // with pipe the error went unheard and took the process down.
  const through = pipeline(input.source, hashing, () => {});
  const pending = await storage.receive(through);
  try {
    if (input.truncated?.()) {
      throw new AppError('payload_too_large', { limit: `${Math.round(input.limitBytes / 1048576)} MB` });
    }
    const { size } = await stat(pending.path);
    if (size > input.limitBytes) {
      throw new AppError('payload_too_large', { limit: `${Math.round(input.limitBytes / 1048576)} MB` });
    }
    if (size === 0) throw new AppError('file_empty');
    const verdict = await inspectFile(pending.path);
    if (!verdict.ok) throw new AppError('file_type_not_allowed', { type: verdict.detected });
    let stored = { size, sha256: hash.digest('hex') };
    if (verdict.contentType === 'text/plain') stored = (await maskTextFile(pending.path)) ?? stored;
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    await pending.commit(key);
    const [row] = await db
      .insert(attachments)
      .values({
        id,
        storageKey: key,
        fileName: maskSecrets(cleanFileName(input.fileName)),
        contentType: verdict.contentType,
        sizeBytes: stored.size,
        sha256: stored.sha256,
        ...input.uploader,
      })
      .returning();
    return row!;
  } catch (err) {
    await pending.discard();
    throw err;
  }
}

/**
 * A text file is text a customer typed, like a message: secrets in it are masked before it is kept
 * (issue #20.9). Returns the new size and hash when something was masked, else null.
 */
async function maskTextFile(path: string): Promise<{ size: number; sha256: string } | null> {
  const text = await readFile(path, 'utf8');
  const masked = maskSecrets(text);
  if (masked === text) return null;
  const bytes = Buffer.from(masked, 'utf8');
  await writeFile(path, bytes);
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
