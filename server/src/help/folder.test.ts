import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { exportHelpCenter, importHelpCenter } from './cli-commands.ts';
import { parseArticleFile } from './folder.ts';

let desk: TestDesk;
let dir: string;
beforeAll(async () => {
  desk = await createTestDesk();
  dir = await mkdtemp(join(tmpdir(), 'kefu-help-'));
});
afterAll(async () => {
  await desk.close();
  await rm(dir, { recursive: true, force: true });
});

describe('help center folder import/export', () => {
  it('exports every article as Markdown with front matter and imports edits back as new versions', async () => {
    const out = await exportHelpCenter(desk.services.db, dir);
    expect(out.articles).toBeGreaterThanOrEqual(40);
    expect((await readdir(join(dir, 'zh-CN'))).length + (await readdir(join(dir, 'en'))).length).toBe(
      out.articles,
    );
    const file = join(dir, 'en', 'find-txid.md');
    const parsed = parseArticleFile('find-txid.md', await readFile(file, 'utf8'));
    expect(parsed).toMatchObject({ slug: 'find-txid', lang: 'en', category: 'deposits', group: 'find-txid' });
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('unique ID', 'one and only ID'));
    const seen: number[] = [];
    const result = await importHelpCenter(desk.services.db, dir, (done) => seen.push(done));
    expect(result.articles).toBe(out.articles);
    expect(seen.at(-1)).toBe(out.articles);
    const article = (await desk.app.inject({ url: '/api/v1/help/articles/find-txid?lang=en' })).json();
    expect(article.html).toContain('one and only ID');
    expect(article.translations).toHaveLength(2);
  });

  it('checks every file before writing: an unknown category or a repeated slug stops the import', async () => {
    const file = join(dir, 'en', 'extra.md');
    const before = (await importHelpCenter(desk.services.db, dir)).articles;
    await writeFile(
      file,
      '---\nslug: extra\nlang: en\ncategory: no-such-category\ntitle: Extra\n---\nbody\n',
    );
    await expect(importHelpCenter(desk.services.db, dir)).rejects.toThrow(
      /en\/extra\.md: unknown category no-such-category/,
    );
    await writeFile(file, '---\nslug: find-txid\nlang: en\ncategory: deposits\ntitle: Again\n---\nbody\n');
    await expect(importHelpCenter(desk.services.db, dir)).rejects.toThrow(
      /slug find-txid \(en\) is also used by/,
    );
    await rm(file);
    const again = await importHelpCenter(desk.services.db, dir);
    expect(again).toMatchObject({ articles: before, created: 0, updated: 0, unchanged: before });
  });

  it('refuses a file without front matter', () => {
    expect(() => parseArticleFile('x.md', '# no front matter')).toThrow(/front matter/);
  });
});
