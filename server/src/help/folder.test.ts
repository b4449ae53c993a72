import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../attachments/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { multipartFile, PNG_1X1 } from '../testing/multipart.ts';
import { exportHelpCenter, importHelpCenter } from './cli-commands.ts';
import { parseArticleFile } from './folder.ts';
import { helpArticles, helpImages } from './schema.ts';

let desk: TestDesk;
let dir: string;
const help = () => ({
  db: desk.services.db,
  storage: desk.services.storage,
  maxUploadBytes: desk.config.maxUploadBytes,
});
/** A valid 1×1 GIF: another picture, other bytes. */
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const imageCount = async () => (await desk.services.db.select({ n: count() }).from(helpImages))[0]!.n;
const fileCount = async () => (await desk.services.db.select({ n: count() }).from(attachments))[0]!.n;
const bodyOf = async (lang: 'en' | 'zh-CN', slug: string) =>
  (
    await desk.services.db
      .select({ body: helpArticles.bodyMd, lang: helpArticles.lang })
      .from(helpArticles)
      .where(eq(helpArticles.slug, slug))
  ).find((r) => r.lang === lang)!.body;
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
    const out = await exportHelpCenter(desk.services, dir);
    expect(out.articles).toBeGreaterThanOrEqual(40);
    expect((await readdir(join(dir, 'zh-CN'))).length + (await readdir(join(dir, 'en'))).length).toBe(
      out.articles,
    );
    const file = join(dir, 'en', 'find-txid.md');
    const parsed = parseArticleFile('find-txid.md', await readFile(file, 'utf8'));
    expect(parsed).toMatchObject({ slug: 'find-txid', lang: 'en', category: 'deposits', group: 'find-txid' });
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('unique ID', 'one and only ID'));
    const seen: number[] = [];
    const result = await importHelpCenter(help(), dir, (done) => seen.push(done));
    expect(result.articles).toBe(out.articles);
    expect(seen.at(-1)).toBe(out.articles);
    const article = (await desk.app.inject({ url: '/api/v1/help/articles/find-txid?lang=en' })).json();
    expect(article.html).toContain('one and only ID');
    expect(article.translations).toHaveLength(2);
  });

  it('checks every file before writing: an unknown category or a repeated slug stops the import', async () => {
    const file = join(dir, 'en', 'extra.md');
    const before = (await importHelpCenter(help(), dir)).articles;
    await writeFile(
      file,
      '---\nslug: extra\nlang: en\ncategory: no-such-category\ntitle: Extra\n---\nbody\n',
    );
    await expect(importHelpCenter(help(), dir)).rejects.toThrow(
      /en\/extra\.md: unknown category no-such-category/,
    );
    await writeFile(file, '---\nslug: find-txid\nlang: en\ncategory: deposits\ntitle: Again\n---\nbody\n');
    await expect(importHelpCenter(help(), dir)).rejects.toThrow(/slug find-txid \(en\) is also used by/);
    await rm(file);
    const again = await importHelpCenter(help(), dir);
    expect(again).toMatchObject({ articles: before, created: 0, updated: 0, unchanged: before });
  });

  it('carries article images: exported as files, imported back through the upload checks, stored once', async () => {
    const admin = await desk.signIn('admin');
    const { payload, headers } = multipartFile('TXID 截图 (1).png', PNG_1X1, 'image/png');
    const uploaded = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/help/admin/images',
      headers: { ...admin.write, ...headers },
      payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const image = uploaded.json() as { id: string; url: string };
    const [article] = await desk.services.db
      .select({ id: helpArticles.id, body: helpArticles.bodyMd })
      .from(helpArticles)
      .where(eq(helpArticles.slug, 'find-txid'))
      .orderBy(helpArticles.lang);
    const patched = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/help/admin/articles/${article!.id}`,
      headers: admin.write,
      payload: { bodyMd: `${article!.body}\n\n![Where the TXID is](${image.url} "TXID")` },
    });
    expect(patched.statusCode).toBe(200);

    const out = await mkdtemp(join(tmpdir(), 'kefu-help-images-'));
    try {
      expect((await exportHelpCenter(desk.services, out)).images).toBe(1);
      // Named after the upload, made safe for a Markdown link; the bytes are the upload's.
      expect(await readdir(join(out, 'images'))).toEqual(['TXID-截图-1.png']);
      expect((await readFile(join(out, 'images', 'TXID-截图-1.png'))).equals(PNG_1X1)).toBe(true);
      const en = await readFile(join(out, 'en', 'find-txid.md'), 'utf8');
      expect(en).toContain('![Where the TXID is](../images/TXID-截图-1.png "TXID")');
      expect(en).not.toContain('/api/v1/help/images/');

      // The same folder again: the image is the one already stored (same bytes), nothing changes.
      const [images, files] = [await imageCount(), await fileCount()];
      const again = await importHelpCenter(help(), out);
      expect(again).toMatchObject({ updated: 0, images: 1, imagesAdded: 0 });
      expect([await imageCount(), await fileCount()]).toEqual([images, files]);

      // The same bytes under another name, and a new picture: one new image, linked and public.
      await writeFile(join(out, 'images', 'copy.png'), PNG_1X1);
      await writeFile(join(out, 'images', 'new.gif'), GIF_1X1);
      const zh = join(out, 'zh-CN', 'find-txid.md');
      await writeFile(
        zh,
        `${await readFile(zh, 'utf8')}\n![示例](../images/copy.png)\n![新图](../images/new.gif)\n`,
      );
      const third = await importHelpCenter(help(), out);
      expect(third).toMatchObject({ updated: 1, images: 3, imagesAdded: 1 });
      expect(await imageCount()).toBe(images + 1);
      const zhBody = await bodyOf('zh-CN', 'find-txid');
      expect(zhBody).toContain(`![示例](${image.url})`);
      const gifUrl = /!\[新图\]\((\/api\/v1\/help\/images\/[0-9a-f-]{36})\)/.exec(zhBody)![1]!;
      const gif = await desk.app.inject({ url: gifUrl });
      expect(gif.statusCode).toBe(200);
      expect(gif.headers['content-type']).toBe('image/gif');
      expect(gif.rawPayload.equals(GIF_1X1)).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('refuses an image an upload would refuse, with one line naming the file, before writing anything', async () => {
    const out = await mkdtemp(join(tmpdir(), 'kefu-help-bad-images-'));
    try {
      await exportHelpCenter(desk.services, out);
      await mkdir(join(out, 'images'), { recursive: true });
      await writeFile(join(out, 'images', 'fresh.gif'), Buffer.concat([GIF_1X1, Buffer.from([0])]));
      const file = join(out, 'en', 'trading-fees.md');
      const original = await readFile(file, 'utf8');
      const withImage = async (ref: string) => {
        // A valid new image comes first: it must not be stored when a later one is refused.
        await writeFile(file, `${original}\n![ok](../images/fresh.gif)\n![bad](${ref})\n`);
        return importHelpCenter(help(), out);
      };
      const [images, files] = [await imageCount(), await fileCount()];
      const oneLine = (pattern: RegExp) => ({
        message: expect.stringMatching(new RegExp(`^[^\n]*${pattern.source}[^\n]*$`)),
      });

      await writeFile(
        join(out, 'images', 'logo.png'),
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      );
      await expect(withImage('../images/logo.png')).rejects.toMatchObject(
        oneLine(/images\/logo\.png: This file type \(text\/html\) is not allowed/),
      );
      await writeFile(join(out, 'images', 'page.webp'), '<!doctype html><html><body>hi</body></html>');
      await expect(withImage('../images/page.webp')).rejects.toMatchObject(
        oneLine(/images\/page\.webp: This file type \(text\/html\) is not allowed/),
      );
      await writeFile(join(out, 'images', 'notes.png'), 'just some text');
      await expect(withImage('../images/notes.png')).rejects.toMatchObject(
        oneLine(/images\/notes\.png: Only pictures can be inserted .*\(found text\/plain\)/),
      );
      await expect(withImage('../images/missing.png')).rejects.toMatchObject(
        oneLine(/en\/trading-fees\.md: image .*images\/missing\.png not found/),
      );
      await expect(withImage('../../../etc/passwd')).rejects.toMatchObject(
        oneLine(/en\/trading-fees\.md: image \.\.\/\.\.\/\.\.\/etc\/passwd is not in the images\/ folder/),
      );
      await writeFile(file, `${original}\n![big](../images/fresh.gif)\n`);
      await expect(importHelpCenter({ ...help(), maxUploadBytes: 10 }, out)).rejects.toMatchObject(
        oneLine(/images\/[^:]+: The content is too large \(limit 10 bytes\)/),
      );
      expect([await imageCount(), await fileCount()]).toEqual([images, files]);
      expect(await bodyOf('en', 'trading-fees')).not.toContain('fresh.gif');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('refuses a file without front matter', () => {
    expect(() => parseArticleFile('x.md', '# no front matter')).toThrow(/front matter/);
  });
});
