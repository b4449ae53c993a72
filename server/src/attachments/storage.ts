import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live. The file system implementation keeps them under DATA_DIR; an object
 * store can replace it by implementing the same four calls.
 */
export interface AttachmentStorage {
  /** Streams `source` into a temporary object and returns a handle to commit or discard it. */
  receive(source: Readable): Promise<PendingObject>;
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

export interface PendingObject {
  /** A local path of the received bytes, for content inspection. */
  path: string;
  commit(key: string): Promise<void>;
  discard(): Promise<void>;
}

export function fileStorage(root: string): AttachmentStorage {
  const tmpDir = join(root, 'tmp');
  const pathOf = (key: string) => {
    if (!/^[a-z0-9/-]+$/.test(key) || key.includes('..')) throw new Error(`bad storage key ${key}`);
    return join(root, key);
  };
  return {
    async receive(source) {
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `${Date.now()}-${Math.random().toString(36).slice(2)}`);
      try {
        await pipeline(source, createWriteStream(tmp, { mode: 0o600 }));
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return {
        path: tmp,
        async commit(key) {
          const dest = pathOf(key);
          await mkdir(dirname(dest), { recursive: true });
          await rename(tmp, dest);
        },
        discard: () => rm(tmp, { force: true }),
      };
    },
    async open(key) {
      const path = pathOf(key);
      await stat(path);
      return createReadStream(path);
    },
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
