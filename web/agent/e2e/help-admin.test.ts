import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { PNG_1X1 } from '../../../server/src/testing/multipart.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

// A loaded two-core machine: lazy chunks and first queries can take seconds.
const SLOW = { timeout: 15_000, interval: 200 };

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

describeInBrowser('help-center admin in the browser', () => {
  it('an admin writes an article with an image and publishes it; a customer finds it and sees the image', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: admin.write,
      payload: { language: 'zh-CN' },
    });
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => console.log('agent page error:', e.message));
    await page.goto(`${baseUrl}/agent/`);
    await page.getByRole('link', { name: '帮助中心' }).click();
    await page.getByTestId('help-articles').getByRole('link').first().waitFor();

    // The demo's articles do not fit one page (50): the rest come with "more".
    const pager = page.getByTestId('help-articles-pager');
    await pager.getByText(/^已显示 50 篇，共 \d+ 篇$/).waitFor();
    const total = Number(/共 (\d+) 篇/.exec((await pager.textContent()) ?? '')![1]);
    expect(total).toBeGreaterThan(50);
    await pager.getByRole('button', { name: '显示更多' }).click();
    await pager.getByText(`已显示 ${total} 篇，共 ${total} 篇`).waitFor();
    expect(await page.getByTestId('help-articles').locator('tbody tr').count()).toBe(total);
    expect(await pager.getByRole('button', { name: '显示更多' }).count()).toBe(0);

    // The list filters by status.
    await page
      .getByTestId('help-articles')
      .getByRole('combobox', { name: '状态', exact: true })
      .selectOption('published');
    await page.getByRole('button', { name: '新建文章' }).click();
    const editor = page.getByTestId('help-editor');
    await editor.waitFor();
    await editor.getByLabel('标题').fill('设置防钓鱼码，识别官方邮件');
    await editor.getByLabel('别名（网址）').fill('anti-phishing-code');
    await editor.getByLabel('简介').fill('防钓鱼码会出现在我们发出的每一封邮件里');
    await editor.getByLabel('标签（用逗号分隔）').fill('防钓鱼码, 安全');
    await editor
      .getByLabel('正文（Markdown）')
      .fill('在 **安全中心** 设置防钓鱼码。之后每封官方邮件都会显示它：\n\n');
    await editor.getByTestId('help-image-input').setInputFiles({
      name: '防钓鱼码示例.png',
      mimeType: 'image/png',
      buffer: PNG_1X1,
    });
    await expect
      .poll(() => editor.getByLabel('正文（Markdown）').inputValue(), SLOW)
      .toContain('/api/v1/help/images/');
    const body = await editor.getByLabel('正文（Markdown）').inputValue();
    const imageUrl = /\/api\/v1\/help\/images\/[0-9a-f-]{36}/.exec(body)![0];
    // The preview is the server's sanitised HTML, with the image.
    await editor.getByTestId('help-preview').locator(`img[src="${imageUrl}"]`).waitFor();
    await editor.getByTestId('help-preview').locator('strong', { hasText: '安全中心' }).waitFor();

    await editor.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/agent\/help-center\/articles\/[0-9a-f-]{36}$/);
    await page.getByTestId('help-editor').getByText('中文 · 草稿').waitFor();
    // A draft's image is not for the public.
    expect((await fetch(`${baseUrl}${imageUrl}`)).status).toBe(404);

    await page.getByTestId('help-editor').getByRole('button', { name: '发布' }).click();
    await page.getByTestId('help-editor').getByText('中文 · 已发布').waitFor();
    await page.getByTestId('help-versions').getByText('版本 1').waitFor();
    await page.screenshot({ path: screenshotPath('help-admin-editor.png'), fullPage: true });
    const published = await fetch(`${baseUrl}${imageUrl}`);
    expect(published.status).toBe(200);
    expect(published.headers.get('content-type')).toBe('image/png');

    // A customer on a phone finds it with the help search and sees the picture.
    const phone = await env.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const customer = await phone.newPage();
    customer.setDefaultTimeout(20_000);
    await customer.goto(`${baseUrl}/help`);
    const box = customer.getByRole('searchbox', { name: '搜索帮助文章' });
    await box.fill('防钓鱼码');
    await box.press('Enter');
    await customer.getByRole('heading', { name: /搜索结果/ }).waitFor();
    await customer
      .locator('main .list li')
      .first()
      .getByRole('link', { name: /设置防钓鱼码/ })
      .click();
    await customer.getByRole('heading', { level: 1, name: '设置防钓鱼码，识别官方邮件' }).waitFor();
    const img = customer.locator(`main img[src="${imageUrl}"]`);
    await img.waitFor();
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), SLOW)
      .toBeGreaterThan(0);
    await phone.close();
    await context.close();
  });

  it('edits synonyms and announcements, orders articles, and lists unanswered searches', async () => {
    const { desk, baseUrl } = env;
    await desk.app.inject({ method: 'GET', url: '/api/v1/help/search?q=qwxzvkj&lang=en' });
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/help-center/synonyms`);
    const synonyms = page.getByTestId('help-synonyms').getByRole('textbox');
    await expect.poll(() => synonyms.inputValue(), SLOW).toContain('提币');
    await synonyms.fill(`${await synonyms.inputValue()}\n防钓鱼码, anti-phishing code`);
    await page.getByTestId('help-synonyms').getByRole('button', { name: '保存' }).click();
    await page.getByText(/同义词已保存/).waitFor();

    await page.getByRole('link', { name: '公告' }).click();
    await page.getByRole('button', { name: '新建公告' }).click();
    await page.getByLabel('标题').fill('系统升级通知');
    await page.getByLabel('置顶显示').check();
    await page.getByLabel('过期时间').fill('2099-01-01T08:00');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('help-announcements').getByText('系统升级通知').waitFor();
    const home = await fetch(`${baseUrl}/api/v1/help/home?lang=zh-CN`).then((r) => r.json());
    expect(home.announcements).toContainEqual(
      expect.objectContaining({ title: '系统升级通知', pinned: true }),
    );

    // Articles of one category move up and down with their translations.
    const admin = await desk.signIn('admin');
    const listed = async (categoryId: string) =>
      (
        await desk.app.inject({
          method: 'GET',
          url: `/api/v1/help/admin/articles?categoryId=${categoryId}`,
          headers: admin.read,
        })
      ).json().articles as { id: string; translationGroup: string }[];
    const { articles } = (
      await desk.app.inject({
        method: 'GET',
        url: '/api/v1/help/admin/articles?status=published',
        headers: admin.read,
      })
    ).json();
    const categoryId = articles[0].categoryId as string;
    const before = [...new Set((await listed(categoryId)).map((a) => a.translationGroup))];
    expect(before.length).toBeGreaterThan(1);
    await page.getByRole('link', { name: '文章' }).click();
    const list = page.getByTestId('help-articles');
    await list.getByRole('combobox', { name: '分类', exact: true }).selectOption(categoryId);
    await list.getByRole('button', { name: '下移' }).first().click();
    await expect
      .poll(
        async () => [...new Set((await listed(categoryId)).map((a) => a.translationGroup))].slice(0, 2),
        SLOW,
      )
      .toEqual([before[1], before[0]]);

    await page.getByRole('link', { name: '未解决的搜索' }).click();
    await page.getByTestId('help-no-results').getByText('qwxzvkj').waitFor();
    await context.close();
  });
});
