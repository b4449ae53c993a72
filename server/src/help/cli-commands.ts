import { resolve } from 'node:path';
import type { AttachmentStorage } from '../attachments/storage.ts';
import type { Db } from '../db/client.ts';
import type { Progress } from '../platform/progress.ts';
import { exportHelpFolder, type ImportResult, importHelpFolder } from './folder.ts';

/** What the help-center commands need of a desk: its database, where files live, the upload limit. */
export interface HelpDesk {
  db: Db;
  storage: AttachmentStorage;
  maxUploadBytes: number;
}

/**
 * `npx kefu help import <dir>`: one transaction, so a failure half-way leaves the help center as
 * it was; image files already written for it are removed again.
 */
export async function importHelpCenter(
  desk: HelpDesk,
  dir: string,
  onProgress?: Progress,
): Promise<ImportResult> {
  const stored: string[] = [];
  try {
    return await desk.db.transaction((tx) =>
      importHelpFolder(tx, resolve(dir), {
        storage: desk.storage,
        limitBytes: desk.maxUploadBytes,
        stored,
        ...(onProgress ? { onProgress } : {}),
      }),
    );
  } catch (err) {
    await Promise.all(stored.map((key) => desk.storage.remove(key).catch(() => {})));
    throw err;
  }
}

/** `npx kefu help export <dir>`: structure.yaml, one Markdown file per article and language, images/. */
export async function exportHelpCenter(desk: Pick<HelpDesk, 'db' | 'storage'>, dir: string) {
  return exportHelpFolder(desk.db, desk.storage, resolve(dir));
}

/** The summary line an import prints. */
export function importSummary(r: ImportResult, dir: string): string {
  return (
    `imported ${r.articles} articles from ${resolve(dir)}: ${r.created} created, ${r.updated} updated, ` +
    `${r.unchanged} unchanged (${r.sections} sections, ${r.categories} categories, ` +
    `${r.images} images, ${r.imagesAdded} new)`
  );
}
