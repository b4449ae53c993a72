import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { helpArticles } from '../../../server/src/help/schema.ts';
import { rebuildTermCounts } from '../../../server/src/help/terms.ts';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';
import { CUSTOMER_DIST } from '../../../server/src/web/customer-app.ts';

const BUDGET_BYTES = 150 * 1024;

let desk: TestDesk;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // A real build (made once for the run by vitest's global setup, web/build-for-tests.ts),
  // served by a real server on a free port, seen by a real Chromium.
  desk = await createTestDesk();
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function phonePage(
  options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    ...PHONE,
    ...(options.width ? { viewport: { width: options.width, height: 740 } } : {}),
    locale: options.locale ?? 'zh-CN',
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  return page;
}

describeInBrowser('customer help center in a phone browser', () => {
  it('keeps the help-center home under its budget of compressed JS and CSS', () => {
    const html = readFileSync(join(CUSTOMER_DIST, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/c\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    const bytes = assets.reduce(
      (n, a) => n + gzipSync(readFileSync(join(CUSTOMER_DIST, a)), { level: 9 }).length,
      0,
    );
    console.log(
      `help-center home: ${(bytes / 1024).toFixed(1)} KB of gzip-compressed JS+CSS (budget 150 KB)`,
    );
    expect(bytes).toBeLessThan(BUDGET_BYTES);
  });

  it('opens with the host identity, finds a Chinese answer by search and counts the vote', async () => {
    const customer = '10000002';
    const token = await desk.identityToken(customer, { name: '李娜', language: 'zh-CN' });
    const page = await phonePage();
    await page.goto(`${base}/help?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: '充值与提现' }).waitFor();
    expect(page.url()).toBe(`${base}/help`);
    expect(await page.evaluate(() => sessionStorage.getItem('kefu.session'))).toContain('kfc_');
    await page.screenshot({ path: join(SHOTS, 'help-home.png'), fullPage: true });

    // Traditional characters, no spaces: the segmenter, opencc and the synonyms must all work.
    const box = page.getByRole('searchbox', { name: '搜索帮助文章' });
    await box.fill('充幣一直沒到賬');
    await page
      .getByRole('link', { name: /充币未到账怎么办/ })
      .first()
      .waitFor();
    await box.press('Enter');
    await page.getByRole('heading', { name: /搜索结果/ }).waitFor();
    const first = page.locator('main .list li').first();
    await expect.poll(() => first.textContent()).toContain('充币未到账怎么办');
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'help-search.png'), fullPage: true });

    await first.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: '充币未到账怎么办？' }).waitFor();
    await page.getByRole('button', { name: /有帮助/ }).click();
    await page.getByRole('status').filter({ hasText: '感谢你的反馈' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'help-article.png'), fullPage: true });
    expect(await page.getByRole('link', { name: /联系我们/ }).getAttribute('href')).toBe('/contact');

    const admin = await desk.signIn('admin');
    const list = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/help/admin/articles',
      headers: admin.read,
    });
    const article = list
      .json()
      .articles.find(
        (a: { slug: string; lang: string }) => a.slug === 'deposit-not-credited' && a.lang === 'zh-CN',
      );
    expect(article.helpfulYes).toBe(1);
    expect(article.viewCount).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('switches language, and reads well in dark mode at 320 px', async () => {
    const page = await phonePage({ locale: 'zh-CN' });
    await page.goto(`${base}/help/categories/withdrawals`);
    await page.getByRole('heading', { level: 1, name: '提币' }).waitFor();
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('heading', { level: 1, name: 'Withdrawals' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: /pending for hours/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'help-category-en.png'), fullPage: true });
    await page.context().close();

    const dark = await phonePage({ locale: 'en-US', colorScheme: 'dark', width: 320 });
    await dark.goto(`${base}/help/articles/reset-2fa`);
    await dark.getByRole('heading', { level: 1, name: /Reset 2FA/ }).waitFor();
    expect(await dark.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await dark.getByRole('main').count()).toBe(1);
    await dark.screenshot({ path: join(SHOTS, 'help-article-dark-320.png'), fullPage: true });
    await dark.context().close();
  });

  it('redirects / to the help center and answers deep links with the app', async () => {
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/help');
    const deep = await fetch(`${base}/help/articles/find-txid`);
    expect(deep.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await deep.text()).toContain('<div id="root">');
  });

  it('finds an answer that exists only in the other language, and marks its language', async () => {
    // One article without its Chinese copy, another without its English one.
    const db = desk.services.db;
    const hidden = await db
      .update(helpArticles)
      .set({ status: 'draft' })
      .where(
        or(
          and(eq(helpArticles.slug, 'withdrawal-whitelist'), eq(helpArticles.lang, 'zh-CN')),
          and(eq(helpArticles.slug, 'find-txid'), eq(helpArticles.lang, 'en')),
        ),
      )
      .returning({ id: helpArticles.id });
    expect(hidden).toHaveLength(2);
    await rebuildTermCounts(db);
    try {
      for (const [locale, query, title, mark] of [
        ['zh-CN', '提现地址白名单怎么设置', /withdrawal address whitelist/, 'English'],
        ['en-US', 'where do I find the transaction hash', /交易哈希/, '中文'],
      ] as const) {
        const page = await phonePage({ locale });
        await page.goto(`${base}/help/search?q=${encodeURIComponent(query)}`);
        const first = page.locator('main .list li').first();
        await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(title);
        const badge = first.locator('.lang-mark');
        expect(await badge.textContent()).toBe(mark);
        expect(await badge.getAttribute('lang')).toBe(locale === 'zh-CN' ? 'en' : 'zh-CN');
        // A small mark inside the result, not a line of its own or past the edge.
        const item = (await first.boundingBox())!;
        const box = (await badge.boundingBox())!;
        expect(box.height).toBeLessThan(24);
        expect(box.x + box.width).toBeLessThanOrEqual(item.x + item.width);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          await page.evaluate(() => window.innerWidth),
        );
        // Answers in the page's own language carry no mark.
        expect(await page.locator('main .list li').nth(1).locator('.lang-mark').count()).toBe(0);
        await page.screenshot({
          path: join(SHOTS, `help-search-other-language-${locale}.png`),
          fullPage: true,
        });
        await page.context().close();
      }
    } finally {
      await db
        .update(helpArticles)
        .set({ status: 'published' })
        .where(
          inArray(
            helpArticles.id,
            hidden.map((h) => h.id),
          ),
        );
      await rebuildTermCounts(db);
    }
  });
});
