import { resolve } from 'node:path';
import type { Db } from '../db/client.ts';
import { exportHelpFolder, importHelpFolder, type Progress } from './folder.ts';

/**
 * The help center's CLI commands, for `npx kefu help import <dir>` / `npx kefu help export <dir>`
 * (the main CLI wires them; until then `node server/src/help/cli.ts import <dir>` runs them).
 */
export async function importHelpCenter(db: Db, dir: string, onProgress?: Progress) {
  return importHelpFolder(db, resolve(dir), onProgress);
}

export async function exportHelpCenter(db: Db, dir: string) {
  return exportHelpFolder(db, resolve(dir));
}

/** A text progress bar for a terminal: [#####-----] 12/40 file.md */
export function progressBar(write: (s: string) => void = (s) => process.stderr.write(s)): Progress {
  return (done, total, file) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${file.slice(-40).padEnd(40)}`,
    );
    if (done === total) write('\n');
  };
}
