import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { multipartFile, PNG_1X1, TINY_PDF } from '../testing/multipart.ts';

let desk: TestDesk;
let admin: Awaited<ReturnType<TestDesk['signIn']>>;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

const inject = (opts: InjectOptions) => desk.app.inject(opts);
const get = (url: string, headers: Record<string, string> = {}) => inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, headers = admin.write) =>
  inject({ method, url: `/api/v1/help/admin${url}`, headers, payload: payload as object });
async function uploadImage(name: string, bytes: Buffer, type = 'image/png', headers = admin.write) {
  const body = multipartFile(name, bytes, type);
  return inject({
    method: 'POST',
    url: '/api/v1/help/admin/images',
    headers: { ...headers, ...body.headers, 'accept-language': 'en' },
    payload: body.payload,
  });
}
/** A category of the demo help center that has published articles (the structure test reorders sections). */
async function firstCategory() {
  const { articles } = (await get('/api/v1/help/admin/articles?status=published', admin.read)).json();
  return articles[0].categoryId as string;
}

describe('help admin: structure', () => {
  it('creates, renames and reorders sections and categories', async () => {
    const section = await send('POST', '/sections', {
      slug: 'promotions',
      titleZh: '活动',
      titleEn: 'Offers',
    });
    expect(section.statusCode).toBe(201);
    const renamed = await send('PATCH', `/sections/${section.json().id}`, { titleEn: 'Promotions' });
    expect(renamed.json().titleEn).toBe('Promotions');
    const a = (
      await send('POST', '/categories', {
        sectionId: section.json().id,
        slug: 'p-a',
        titleZh: '甲',
        titleEn: 'A',
      })
    ).json();
    const b = (
      await send('POST', '/categories', {
        sectionId: section.json().id,
        slug: 'p-b',
        titleZh: '乙',
        titleEn: 'B',
      })
    ).json();
    expect((await send('POST', '/categories/reorder', { ids: [b.id, a.id] })).statusCode).toBe(200);
    const before = (await get('/api/v1/help/admin/structure', admin.read)).json().sections;
    const order = [
      section.json().id,
      ...before.filter((s: { id: string }) => s.id !== section.json().id).map((s: { id: string }) => s.id),
    ];
    expect((await send('POST', '/sections/reorder', { ids: order })).statusCode).toBe(200);
    const after = (await get('/api/v1/help/admin/structure', admin.read)).json().sections;
    expect(after[0]).toMatchObject({ titleEn: 'Promotions' });
    expect(after[0].categories.map((c: { slug: string }) => c.slug)).toEqual(['p-b', 'p-a']);
    const lin = await desk.signIn('lin');
    expect((await get('/api/v1/help/admin/structure', lin.read)).statusCode).toBe(403);
    expect((await send('PATCH', `/sections/${a.id}`, { titleEn: 'x' })).statusCode).toBe(404);
  });

  it('refuses a change made only of unknown fields (it once reached the database as an empty SET: 500)', async () => {
    const section = (await get('/api/v1/help/admin/structure', admin.read)).json().sections[0];
    const category = section.categories[0];
    const article = (await get('/api/v1/help/admin/articles', admin.read)).json().articles[0];
    for (const url of [`/sections/${section.id}`, `/categories/${category.id}`, `/articles/${article.id}`]) {
      for (const payload of [{ a: 'b' }, { a: '\ufffd\ufffd' }]) {
        const res = await send('PATCH', url, payload);
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
    }
  });
});

describe('help admin: articles', () => {
  it('filters the list, links translations, previews, and restores a version', async () => {
    const categoryId = await firstCategory();
    const zh = (
      await send('POST', '/articles', {
        categoryId,
        lang: 'zh-CN',
        slug: 'admin-test-zh',
        title: '管理测试：提币限额说明',
        bodyMd: '第一版正文',
        tags: ['管理测试标签'],
      })
    ).json();
    const en = await send('POST', '/articles', {
      categoryId,
      lang: 'en',
      slug: 'admin-test-en',
      title: 'Admin test: withdrawal limits',
      bodyMd: 'First text',
      translationOf: zh.id,
    });
    expect(en.statusCode).toBe(201);
    const list = (q: string) =>
      get(`/api/v1/help/admin/articles?${q}`, admin.read).then((r) => r.json().articles);
    const drafts = await list('status=draft');
    expect(drafts.every((a: { status: string }) => a.status === 'draft')).toBe(true);
    expect(drafts.map((a: { slug: string }) => a.slug)).toEqual(
      expect.arrayContaining(['admin-test-zh', 'admin-test-en']),
    );
    expect((await list('lang=en&q=admin%20test')).map((a: { slug: string }) => a.slug)).toEqual([
      'admin-test-en',
    ]);
    expect(
      (await list(`q=${encodeURIComponent('管理测试标签')}`)).map((a: { slug: string }) => a.slug),
    ).toEqual(['admin-test-zh']);
    expect(await list('q=100%25')).toEqual([]);
    expect((await list(`categoryId=${categoryId}&status=published`)).length).toBeGreaterThan(0);

    const detail = (await get(`/api/v1/help/admin/articles/${zh.id}`, admin.read)).json();
    expect(detail.translations.map((t: { lang: string }) => t.lang)).toEqual(['en', 'zh-CN']);
    expect(detail).not.toHaveProperty('searchVector');
    expect(detail).not.toHaveProperty('bodyTokens');

    const preview = (
      await send('POST', '/preview', {
        bodyMd:
          '**粗体** ![x](https://tracker.example/p.png) ![y](/api/v1/help/images/00000000-0000-4000-8000-000000000000)',
      })
    ).json().html as string;
    expect(preview).toContain('<strong>粗体</strong>');
    expect(preview).not.toContain('tracker.example');
    expect(preview).toContain('src="/api/v1/help/images/00000000-0000-4000-8000-000000000000"');
    // Only exactly our URL: not on another host, not protocol-relative, no extra path or query.
    const id = '00000000-0000-4000-8000-000000000000';
    for (const src of [
      `https://evil.example/api/v1/help/images/${id}`,
      `//evil.example/api/v1/help/images/${id}`,
      `/api/v1/help/images/${id}/../../attachments/${id}`,
      `/api/v1/attachments/${id}`,
      `data:image/png;base64,AAAA`,
    ]) {
      const html = (await send('POST', '/preview', { bodyMd: `![a](${src})` })).json().html as string;
      expect(html, src).not.toContain('<img');
    }

    await send('PATCH', `/articles/${zh.id}`, { bodyMd: '第二版正文', status: 'published' });
    const versions = (await get(`/api/v1/help/admin/articles/${zh.id}/versions`, admin.read)).json().versions;
    expect(versions[0]).toMatchObject({ version: 1, bodyMd: '第一版正文' });
    const restored = await send('POST', `/articles/${zh.id}/versions/1/restore`, {});
    expect(restored.json()).toMatchObject({ version: 3, status: 'published' });
    const now = (await get(`/api/v1/help/admin/articles/${zh.id}`, admin.read)).json();
    expect(now.bodyMd).toBe('第一版正文');
    expect((await send('POST', `/articles/${zh.id}/versions/99/restore`, {})).statusCode).toBe(404);
  });
});

describe('help admin: the article list a page at a time', () => {
  interface Page {
    articles: { id: string; lang: string }[];
    total: number;
    nextOffset: number | null;
  }
  const page = async (q: string): Promise<Page> => {
    const res = await get(`/api/v1/help/admin/articles?${q}`, admin.read);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('pages with a total, every article exactly once, in the order of one big page', async () => {
    const all = await page('limit=200');
    expect(all.total).toBeGreaterThanOrEqual(52); // the demo's 26 articles in two languages
    expect(all.articles).toHaveLength(all.total);
    expect(all.nextOffset).toBeNull();

    const first = await page(''); // the default page: 50
    expect(first.articles).toHaveLength(50);
    expect(first).toMatchObject({ total: all.total, nextOffset: 50 });

    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const p: Page = await page(`limit=7&offset=${offset}`);
      expect(p.total).toBe(all.total);
      expect(p.articles.length).toBeLessThanOrEqual(7);
      seen.push(...p.articles.map((a) => a.id));
      offset = p.nextOffset;
    }
    expect(seen).toEqual(all.articles.map((a) => a.id));

    // The total counts the filtered list; a page past the end is empty, with the same total.
    const en = await page('lang=en&limit=3');
    expect(en.articles.every((a) => a.lang === 'en')).toBe(true);
    expect(en.total).toBe(all.articles.filter((a) => a.lang === 'en').length);
    expect(await page(`lang=en&offset=${en.total}`)).toEqual({
      articles: [],
      total: en.total,
      nextOffset: null,
    });

    for (const bad of ['limit=0', 'limit=201', 'offset=-1', 'limit=x'])
      expect((await get(`/api/v1/help/admin/articles?${bad}`, admin.read)).statusCode).toBe(400);
  });
});

describe('help admin: images in articles', () => {
  it('uploads a picture, hides it while the article is a draft, shows it once published', async () => {
    const categoryId = await firstCategory();
    const up = await uploadImage('充值截图.png', PNG_1X1);
    expect(up.statusCode).toBe(201);
    const image = up.json();
    expect(image.markdown).toBe(`![充值截图](/api/v1/help/images/${image.id})`);
    const article = (
      await send('POST', '/articles', {
        categoryId,
        lang: 'zh-CN',
        slug: 'image-article',
        title: '如何找到充值记录',
        bodyMd: `打开资产页面：\n\n${image.markdown}`,
      })
    ).json();
    const anon = () => get(image.url);
    // A draft's image: hidden from visitors and customers, visible to editors for the preview.
    expect((await anon()).statusCode).toBe(404);
    const customer = await desk.customer('u-help-img');
    expect((await get(image.url, customer.headers)).statusCode).toBe(404);
    expect((await get(image.url, admin.read)).statusCode).toBe(200);

    await send('PATCH', `/articles/${article.id}`, { status: 'published' });
    const shown = await anon();
    expect(shown.statusCode).toBe(200);
    expect(shown.rawPayload.equals(PNG_1X1)).toBe(true);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    const page = (await get('/api/v1/help/articles/image-article?lang=zh-CN')).json();
    expect(page.html).toContain(`<img src="/api/v1/help/images/${image.id}" alt="充值截图"`);

    // Unpublishing hides it again; so does taking the image out of a published text.
    await send('PATCH', `/articles/${article.id}`, { status: 'draft' });
    expect((await anon()).statusCode).toBe(404);
    await send('PATCH', `/articles/${article.id}`, { status: 'published', bodyMd: '没有图片了' });
    expect((await anon()).statusCode).toBe(404);
  });

  it("shows an announcement's image while the announcement is live, and only then", async () => {
    // Other bytes than the article test's picture: a picture of its own, linked by no article.
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const image = (await uploadImage('维护通知.gif', gif, 'image/gif')).json();
    const anon = async () => (await get(image.url)).statusCode;
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const created = await send('POST', '/announcements', {
      lang: 'zh-CN',
      title: '系统维护',
      bodyMd: `维护期间充提暂停：\n\n${image.markdown}`,
      expiresAt: inHours(24),
    });
    expect(created.statusCode).toBe(201);
    const notice = created.json();
    expect(await anon()).toBe(404); // a draft announcement
    const patch = async (body: object) =>
      expect((await send('PATCH', `/announcements/${notice.id}`, body)).statusCode).toBe(200);

    await patch({ status: 'published' });
    expect(await anon()).toBe(200);
    const home = (await get('/api/v1/help/home?lang=zh-CN')).json();
    expect(home.announcements.find((a: { id: string }) => a.id === notice.id).html).toContain(
      `<img src="${image.url}"`,
    );
    await patch({ startsAt: inHours(2) }); // not started yet
    expect(await anon()).toBe(404);
    await patch({ startsAt: inHours(-2), expiresAt: inHours(-1) }); // expired
    expect(await anon()).toBe(404);
    await patch({ expiresAt: null }); // live again, with no end
    expect(await anon()).toBe(200);
    await patch({ bodyMd: '维护期间充提暂停。' }); // the image taken out of the text
    expect(await anon()).toBe(404);
    await patch({ bodyMd: image.markdown });
    expect(await anon()).toBe(200);
    await patch({ status: 'draft' });
    expect(await anon()).toBe(404);
  });

  it('refuses attack files, non-pictures and non-editors', async () => {
    const svg = await uploadImage(
      'logo.png',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
      ),
      'image/svg+xml',
    );
    expect(svg.statusCode).toBe(415);
    expect(svg.json().error.code).toBe('file_type_not_allowed');
    const pdf = await uploadImage('guide.png', TINY_PDF, 'image/png');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('help_image_not_picture');
    const lin = await desk.signIn('lin');
    expect((await uploadImage('a.png', PNG_1X1, 'image/png', lin.write)).statusCode).toBe(403);
    const token = await desk.apiToken(['help:write']);
    expect((await uploadImage('a.png', PNG_1X1, 'image/png', token)).statusCode).toBe(201);
  });

  it("never publishes a ticket's attachment through an article", async () => {
    const categoryId = await firstCategory();
    const customer = await desk.customer('u-help-private');
    const body = multipartFile('passport.png', PNG_1X1, 'image/png');
    const secret = (
      await inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...customer.headers, ...body.headers },
        payload: body.payload,
      })
    ).json();
    await send('POST', '/articles', {
      categoryId,
      lang: 'en',
      slug: 'steal-attachment',
      title: 'Pasted id',
      bodyMd: `![x](/api/v1/help/images/${secret.id})`,
      status: 'published',
    });
    expect((await get(`/api/v1/help/images/${secret.id}`)).statusCode).toBe(404);
  });
});

describe('help admin: unanswered searches', () => {
  it('lists a search that found nothing', async () => {
    const res = await get('/api/v1/help/search?q=qwxzvkj&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual([]);
    const report = (await get('/api/v1/help/admin/reports/searches?days=7', admin.read)).json();
    expect(report.noResults).toEqual(
      expect.arrayContaining([expect.objectContaining({ query: 'qwxzvkj', searches: 1 })]),
    );
  });
});
