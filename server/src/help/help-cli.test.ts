import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressBar, progressLines } from '../platform/progress.ts';
import { PNG_1X1 } from '../testing/multipart.ts';

/** A valid 1×1 GIF: a second picture. */
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'kefu.js');
let scratch: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kefu …` as an operator would, on the given data directory (PGlite). */
function kefu(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
        timeout: 180_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Every file under a folder, by relative path, with its bytes. */
async function folderFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  const out = new Map<string, Buffer>();
  for (const f of files) {
    const path = join(f.parentPath, f.name);
    out.set(path.slice(dir.length + 1), await readFile(path));
  }
  return out;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kefu-help-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// Each run opens PGlite from disk in a new process (several seconds each on a busy 2-core machine).
describe('npx kefu help import|export', { timeout: 600_000 }, () => {
  it('exports the demo help center, imports it into a fresh desk, and the articles match', async () => {
    const demo = join(scratch, 'demo');
    const fresh = join(scratch, 'fresh');
    const out = join(scratch, 'out');
    expect((await kefu(demo, ['seed-demo'])).stdout).toContain('demo desk seeded');

    const exported = await kefu(demo, ['help', 'export', out]);
    expect(exported.code).toBe(0);
    const count = Number(/exported (\d+) articles/.exec(exported.stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(40);
    expect((await folderFiles(out)).size).toBe(count + 1); // + structure.yaml

    // Pictures in two articles, as an editor would add them to the folder (the demo has none).
    await mkdir(join(out, 'images'));
    await writeFile(join(out, 'images', 'txid-在这里.png'), PNG_1X1);
    await writeFile(join(out, 'images', 'fee-table.gif'), GIF_1X1);
    const withImage = async (file: string, markdown: string) =>
      writeFile(join(out, file), `${(await readFile(join(out, file), 'utf8')).trimEnd()}\n\n${markdown}\n`);
    await withImage('en/find-txid.md', '![The TXID](../images/txid-在这里.png "TXID")');
    await withImage('zh-CN/find-txid.md', '![交易哈希](../images/txid-在这里.png)');
    await withImage('en/trading-fees.md', 'See [the table](../images/fee-table.gif).');
    const files = await folderFiles(out);

    const imported = await kefu(fresh, ['help', 'import', out]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported ${count} articles`);
    expect(imported.stdout).toContain(`${count} created, 0 updated, 0 unchanged`);
    expect(imported.stdout).toContain('2 images, 2 new)');
    // Not a terminal: plain progress lines (about every 5 %), not a bar redrawn with \r.
    expect(imported.stderr).toContain(`imported ${count}/${count} (100%)`);
    expect(imported.stderr).not.toContain('\r');

    // The same folder again changes nothing: same slugs are updated in place, never duplicated.
    const again = await kefu(fresh, ['help', 'import', out]);
    expect(again.stdout).toContain(`0 created, 0 updated, ${count} unchanged`);
    expect(again.stdout).toContain('2 images, 0 new)'); // the same bytes are not stored twice

    // The fresh desk's help center, exported, is the folder it was imported from: the same files,
    // byte for byte (sections, categories, front matter with translation groups, bodies with their
    // relative image references, and the images).
    const back = join(scratch, 'back');
    expect((await kefu(fresh, ['help', 'export', back])).stdout).toContain(
      `exported ${count} articles and 2 images`,
    );
    expect(await folderFiles(back)).toEqual(files);

    // An edit is imported as an update.
    const edited = join(out, 'en', 'find-txid.md');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace('title:', 'title: Updated —'));
    expect((await kefu(fresh, ['help', 'import', out])).stdout).toContain(
      `0 created, 1 updated, ${count - 1} unchanged`,
    );

    // A bad file: one line naming it, exit code 1, nothing written.
    const broken = join(out, 'en', 'broken.md');
    await writeFile(broken, '---\nslug: broken\nlang: en\ntitle: [unclosed\n---\nbody\n');
    const bad = await kefu(fresh, ['help', 'import', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^kefu: .*en\/broken\.md: /)]);
    await rm(broken);

    const missing = await kefu(fresh, ['help', 'import', join(scratch, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringContaining('structure.yaml: not found')]);
    expect((await kefu(fresh, ['help', 'import'])).stderr).toContain('usage: npx kefu help import <dir>');
    expect((await kefu(fresh, ['help'])).stdout).toContain('help import <dir>');
  });

  it('draws a bar on a terminal and plain lines elsewhere', () => {
    let bar = '';
    const draw = progressBar((s) => {
      bar += s;
    });
    for (let i = 1; i <= 4; i++) draw(i, 4, `zh-CN/a${i}.md`);
    expect(bar).toContain('\r[###############---------------] 2/4 zh-CN/a2.md');
    expect(bar.endsWith('\n')).toBe(true);
    const lines: string[] = [];
    const plain = progressLines('imported', (s) => lines.push(s));
    for (let i = 1; i <= 1000; i++) plain(i, 1000, `en/a${i}.md`);
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines.at(-1)).toBe('imported 1000/1000 (100%) en/a1000.md\n');
  });
});
