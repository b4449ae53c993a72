import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { inspectFile } from '../attachments/inspect.ts';
import { cleanFileName } from '../attachments/routes.ts';
import { attachments } from '../attachments/schema.ts';
import type { Services } from '../platform/services.ts';
import type { AdapterEnv, ChannelAdapter, ChannelRecord, InboundFile } from './adapter.ts';

export type FetchedFile =
  | { ok: true; attachmentId: string; fileName: string }
  | { ok: false; fileName: string; reason: string };

/**
 * Downloads a file a person sent on a platform and passes it through the same content checks as
 * an upload: the bytes decide the type, anything outside the allowed types is refused and dropped.
 * Runs before the ticket transaction (never wait on the network inside one).
 */
export async function fetchInboundFile(
  services: Services,
  adapter: ChannelAdapter,
  channel: ChannelRecord,
  env: AdapterEnv,
  file: InboundFile,
): Promise<FetchedFile> {
  const fileName = cleanFileName(file.fileName ?? (file.kind === 'image' ? 'image' : 'file'));
  if (!adapter.fetchFile) return { ok: false, fileName, reason: 'unsupported' };
  const source = await adapter.fetchFile(file, channel, env);
  const hash = createHash('sha256');
  let size = 0;
  const limit = services.config.maxUploadBytes;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(new Error('file too large'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let pending: Awaited<ReturnType<Services['storage']['receive']>>;
  try {
    // pipeline, not pipe: a download that fails half-way must fail the counter (a heard error),
    // not throw an unheard one from the source.
    pending = await services.storage.receive(pipeline(source, counter, () => {}));
  } catch {
    return { ok: false, fileName, reason: 'too_large_or_unreadable' };
  }
  try {
    const { size: bytes } = await stat(pending.path);
    if (bytes === 0) throw new Refused('empty');
    const verdict = await inspectFile(pending.path);
    if (!verdict.ok) throw new Refused(`type_not_allowed:${verdict.detected}`);
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    await pending.commit(key);
    await services.db.insert(attachments).values({
      id,
      storageKey: key,
      fileName:
        file.kind === 'image' && !/\.\w+$/.test(fileName)
          ? `${fileName}.${verdict.contentType.split('/')[1]}`
          : fileName,
      contentType: verdict.contentType,
      sizeBytes: bytes,
      sha256: hash.digest('hex'),
      uploaderType: 'system',
      uploaderId: null,
    });
    return { ok: true, attachmentId: id, fileName };
  } catch (err) {
    await pending.discard();
    if (err instanceof Refused) return { ok: false, fileName, reason: err.message };
    throw err;
  }
}

class Refused extends Error {}
