import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import type { Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
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
  input.source.on('error', (err) => hashing.destroy(err));
  const pending = await storage.receive(input.source.pipe(hashing));
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
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    await pending.commit(key);
    const [row] = await db
      .insert(attachments)
      .values({
        id,
        storageKey: key,
        fileName: cleanFileName(input.fileName),
        contentType: verdict.contentType,
        sizeBytes: size,
        sha256: hash.digest('hex'),
        ...input.uploader,
      })
      .returning();
    return row!;
  } catch (err) {
    await pending.discard();
    throw err;
  }
}
