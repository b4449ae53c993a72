import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { asc, eq, inArray } from 'drizzle-orm';
import { INLINE_TYPES, inspectFile } from '../attachments/inspect.ts';
import { attachments } from '../attachments/schema.ts';
import type { AttachmentStorage } from '../attachments/storage.ts';
import { storeAttachment } from '../attachments/store.ts';
import type { Executor } from '../db/client.ts';
import { AppError, errorMessage } from '../platform/errors.ts';
import { helpImageUrl, imageIdsIn } from './images.ts';
import { helpImages } from './schema.ts';

/**
 * Article images in a help-center folder: `images/<name>.<ext>` beside `structure.yaml`, referred
 * to from the articles (`<lang>/<slug>.md`) as `../images/<name>.<ext>`. In the database they are
 * help images (attachments) shown through `/api/v1/help/images/<id>`; export and import translate
 * between the two.
 */
export const IMAGES_DIR = 'images';

/** A Markdown link or image: `[alt](dest)` or `![alt](dest "title")` (alt without brackets). */
const DESTINATION = /(!?)\[([^\]\n]*)\]\(\s*([^\s()<>]+)((?:\s+"[^"\n]*")?\s*)\)/g;
/** A destination with a scheme (https:, data:…), absolute, or an anchor: not a file in the folder. */
const NOT_A_FILE = /^(?:[a-z][a-z0-9+.-]*:|\/|#)/i;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** An image file of the folder, checked and hashed before anything is written. */
export interface FolderImage {
  path: string;
  sha256: string;
}

/** A folder's images by absolute path, and which ones each article refers to. */
export type FolderImages = Map<string, FolderImage>;

const decode = (dest: string) => {
  try {
    return decodeURI(dest);
  } catch {
    return dest;
  }
};

/**
 * The folder files an article's Markdown refers to under images/ (absolute paths). An image
 * (`![…](…)`) with a relative destination anywhere else is a mistake: one line naming the article.
 */
export function localImageRefs(root: string, file: string, body: string, fail: (m: string) => Error) {
  const imagesRoot = join(root, IMAGES_DIR) + sep;
  const refs = new Map<string, string>(); // destination as written → absolute path
  for (const m of body.matchAll(DESTINATION)) {
    const [, bang, , dest] = m;
    if (NOT_A_FILE.test(dest!)) continue;
    const path = resolve(dirname(file), decode(dest!));
    if (path.startsWith(imagesRoot)) refs.set(dest!, path);
    else if (bang) throw fail(`${file}: image ${dest} is not in the ${IMAGES_DIR}/ folder of ${root}`);
  }
  return refs;
}

/**
 * The same checks an upload gets (size limit, not empty, type from the bytes, no SVG/HTML), and
 * pictures only, done before the import writes anything; one line naming the file otherwise.
 */
export async function checkFolderImage(
  path: string,
  referredFrom: string,
  limitBytes: number,
  fail: (m: string) => Error,
): Promise<FolderImage> {
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : -1),
    () => -1,
  );
  if (size < 0) throw fail(`${referredFrom}: image ${path} not found`);
  const refuse = (code: Parameters<typeof errorMessage>[0], params = {}) =>
    fail(`${path}: ${errorMessage(code, 'en', params)}`);
  if (size > limitBytes) {
    const limit = limitBytes >= 1048576 ? `${Math.round(limitBytes / 1048576)} MB` : `${limitBytes} bytes`;
    throw refuse('payload_too_large', { limit });
  }
  if (size === 0) throw refuse('file_empty');
  const verdict = await inspectFile(path);
  if (!verdict.ok) throw refuse('file_type_not_allowed', { type: verdict.detected });
  if (!INLINE_TYPES.has(verdict.contentType))
    throw fail(`${path}: ${errorMessage('help_image_not_picture', 'en')} (found ${verdict.contentType})`);
  return {
    path,
    sha256: createHash('sha256')
      .update(await readFile(path))
      .digest('hex'),
  };
}

/**
 * Stores the folder's images as help images, one per content: bytes already stored as a help
 * image (by SHA-256) are reused, so a re-import stores nothing. Returns the attachment id of each
 * path; `stored` collects the storage keys written, to remove them if the transaction fails.
 */
export async function storeFolderImages(
  db: Executor,
  storage: AttachmentStorage,
  images: FolderImages,
  limitBytes: number,
  stored: string[],
  fail: (m: string) => Error,
): Promise<{ ids: Map<string, string>; added: number }> {
  const ids = new Map<string, string>();
  const byHash = new Map<string, string>();
  let added = 0;
  for (const image of [...images.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    let id = byHash.get(image.sha256);
    if (!id) {
      const [existing] = await db
        .select({ id: helpImages.attachmentId })
        .from(helpImages)
        .innerJoin(attachments, eq(attachments.id, helpImages.attachmentId))
        .where(eq(attachments.sha256, image.sha256))
        .orderBy(asc(helpImages.createdAt), asc(helpImages.attachmentId))
        .limit(1);
      id = existing?.id;
    }
    if (!id) {
      // Through storeAttachment again: the bytes stored are the bytes checked, whatever happened since.
      const row = await storeAttachment(db, storage, {
        source: createReadStream(image.path),
        fileName: basename(image.path),
        uploader: { uploaderType: 'system', uploaderId: null },
        limitBytes,
      }).catch((err: unknown) => {
        if (err instanceof AppError) throw fail(`${image.path}: ${errorMessage(err.code, 'en', err.params)}`);
        throw err;
      });
      stored.push(row.storageKey);
      await db.insert(helpImages).values({ attachmentId: row.id, uploadedBy: null });
      id = row.id;
      added++;
    }
    byHash.set(image.sha256, id);
    ids.set(image.path, id);
  }
  return { ids, added };
}

/** The article's Markdown with its folder references replaced by Kefu's image URLs. */
export function toImageUrls(body: string, refs: Map<string, string>, ids: Map<string, string>): string {
  return body.replace(DESTINATION, (whole, bang: string, alt: string, dest: string, title: string) => {
    const path = refs.get(dest);
    const id = path ? ids.get(path) : undefined;
    return id ? `${bang}[${alt}](${helpImageUrl(id)}${title})` : whole;
  });
}

/** A file name that is safe in a Markdown destination and on any file system, stable when reapplied. */
function imageFileName(fileName: string, contentType: string, sha256: string): string {
  const stem =
    fileName
      .replace(/\.[a-z0-9]{1,5}$/i, '')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60)
      .replace(/[-.]+$/, '') || `image-${sha256.slice(0, 8)}`;
  return `${stem}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/**
 * Writes every help image the articles show to `<dir>/images/` (one file per content, named after
 * its upload) and returns a rewrite for the Markdown: Kefu's URL → `../images/<name>`. Ids in the
 * text that are not help images are left as they are (they are never served anyway).
 */
export async function exportFolderImages(
  db: Executor,
  storage: AttachmentStorage,
  dir: string,
  bodies: string[],
) {
  const order = [...new Set(bodies.flatMap(imageIdsIn))];
  const rows =
    order.length === 0
      ? []
      : await db
          .select({
            id: attachments.id,
            fileName: attachments.fileName,
            contentType: attachments.contentType,
            sha256: attachments.sha256,
            storageKey: attachments.storageKey,
          })
          .from(helpImages)
          .innerJoin(attachments, eq(attachments.id, helpImages.attachmentId))
          .where(inArray(helpImages.attachmentId, order));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nameOfHash = new Map<string, string>();
  const hashOfName = new Map<string, string>();
  const nameOfId = new Map<string, string>();
  if (rows.length) await mkdir(join(dir, IMAGES_DIR), { recursive: true });
  // In the order the articles (sorted) show them, so the names are the same on every export.
  for (const id of order) {
    const row = byId.get(id);
    if (!row) continue;
    let name = nameOfHash.get(row.sha256);
    if (!name) {
      name = imageFileName(row.fileName, row.contentType, row.sha256);
      const taken = hashOfName.get(name);
      if (taken && taken !== row.sha256) name = name.replace(/(\.[a-z]+)$/, `-${row.sha256.slice(0, 8)}$1`);
      nameOfHash.set(row.sha256, name);
      hashOfName.set(name, row.sha256);
      const source = await storage.open(row.storageKey).catch(() => {
        throw new Error(`help image ${row.id} (${row.fileName}): its file is missing from the storage`);
      });
      await pipeline(source, createWriteStream(join(dir, IMAGES_DIR, name)));
    }
    nameOfId.set(id, name);
  }
  return {
    images: nameOfHash.size,
    /** The Markdown of an article written at `<dir>/<articlePath>`, with folder references. */
    rewrite(body: string, articlePath: string) {
      const up = relative(dirname(join(dir, articlePath)), join(dir, IMAGES_DIR))
        .split(sep)
        .join('/');
      return body.replace(/\/api\/v1\/help\/images\/([0-9a-f-]{36})/gi, (url, id: string) => {
        const name = nameOfId.get(id.toLowerCase());
        return name ? `${up}/${name}` : url;
      });
    },
  };
}
