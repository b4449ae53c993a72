import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailDeskEnv, startMx } from '../../../server/src/channels/email/test-kit.ts';
import { categoryCodeOfSubject } from '../../../server/src/channels/email/threading.ts';
import { agents } from '../../../server/src/identity/schema.ts';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';

/**
 * Issue #18, polish a customer sees: the ticket page shows the description once, every page has
 * its own title, an unknown address is a page; the rating is one row of stars that works with the
 * keyboard at 320 px in dark mode; the contact page's mail carries a tag the mail intake knows and
 * the UID; with nobody on shift the recommender says so, not that chat is busy.
 */
let desk: TestDesk;
let browser: Browser;
let base: string;
let mx: Awaited<ReturnType<typeof startMx>>;

beforeAll(async () => {
  mx = await startMx();
  desk = await createTestDesk(mailDeskEnv(mx.port));
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await mx?.close();
});

async function phone(options: { width?: number; dark?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    ...PHONE,
    viewport: { width: options.width ?? 360, height: 740 },
    colorScheme: options.dark ? 'dark' : 'light',
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

const DESCRIPTION = '我 12 月 1 日提现的 500 USDT 还没到账，交易一直显示处理中。';

describeInBrowser(
  'customer pages: titles, the ticket page, unknown addresses, stars, mail, off shift',
  () => {
    it('shows the description once, names each page in the title, and shows a page for an unknown address', async () => {
      const customer = await desk.customer('u-polish-1', { name: '陈静' });
      const created = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title: '提现一直没到账', description: DESCRIPTION },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, number } = created.json() as { id: string; number: string };
      const token = encodeURIComponent(await desk.identityToken('u-polish-1', { language: 'zh-CN' }));
      const page = await phone();
      await page.goto(`${base}/tickets/${id}?token=${token}`);
      await page.getByRole('heading', { name: '提现一直没到账' }).waitFor();
      await page.locator('.thread li').first().waitFor();
      expect(await page.getByText(DESCRIPTION).count()).toBe(1);
      expect(await page.title()).toBe(`提现一直没到账 · ${number}`);

      const titles = new Set<string>();
      for (const path of ['/help', '/contact', '/tickets', '/tickets/new', '/inbox', '/verify']) {
        await page.goto(`${base}${path}`);
        await expect.poll(() => page.title(), { timeout: 15_000 }).not.toBe('帮助中心 Help Center');
        titles.add(await page.title());
      }
      // /help keeps "帮助中心", the others have their own names: six pages, six titles.
      expect(titles.size).toBe(6);

      const unknown = await page.goto(`${base}/no-such-page`);
      expect(unknown!.status()).toBe(404);
      expect(unknown!.headers()['content-type']).toContain('text/html');
      await page.getByRole('heading', { name: '页面不存在' }).waitFor();
      expect(await page.title()).toBe('页面不存在');
      await page.getByRole('link', { name: '返回帮助中心' }).waitFor();
      // The API still answers in JSON.
      const api = await page.request.get(`${base}/api/v1/no-such-route`);
      expect(api.status()).toBe(404);
      expect(api.headers()['content-type']).toContain('application/json');
      await page.context().close();
    });

    it('rates with one row of stars at 320 px in dark mode, by keyboard', async () => {
      const customer = await desk.customer('u-polish-2');
      const created = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title: '充值到账慢', description: '充值两小时未到账' },
      });
      const { id } = created.json() as { id: string };
      const lin = await desk.signIn('lin');
      await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${id}`,
        headers: lin.write,
        payload: { status: 'solved' },
      });
      const link = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${id}/rating-link`,
        headers: lin.write,
      });
      const path = new URL((link.json() as { url: string }).url).pathname;
      const page = await phone({ width: 320, dark: true });
      await page.goto(`${base}${path}?lang=zh-CN`);
      const radios = page.getByRole('radio');
      await radios.first().waitFor({ state: 'attached' });
      expect(await radios.count()).toBe(5);

      // One row: five stars side by side, each a full touch target, inside the 320 px screen.
      const boxes = await page.locator('.stars .star').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height, text: el.querySelector('.glyph')?.textContent };
        }),
      );
      expect(boxes).toHaveLength(5);
      for (const b of boxes) {
        expect(b.y).toBe(boxes[0]!.y);
        expect(b.w).toBeGreaterThanOrEqual(44);
        expect(b.h).toBeGreaterThanOrEqual(44);
        expect(b.text?.trim()).toBe('★');
      }
      for (let i = 1; i < 5; i++) expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x + 40);
      expect(boxes[4]!.x + boxes[4]!.w).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // The keyboard: focus the first star, arrows move the choice, the stars up to it fill.
      await page.getByRole('radio', { name: '1 星' }).focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: '4 星' }).isChecked()).toBe(true);
      const colours = await page
        .locator('.stars .glyph')
        .evaluateAll((els) => els.map((el) => getComputedStyle(el).color));
      const lit = colours.slice(0, 4);
      expect(new Set(lit).size).toBe(1);
      expect(colours[4]).not.toBe(colours[0]);
      // Dark mode: the page is dark and the lit stars are the dark theme's star colour.
      expect(lit[0]).toBe('rgb(255, 201, 77)');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(17, 19, 23)');
      const focus = await page.evaluate(() => {
        const glyph = document.activeElement?.nextElementSibling;
        return glyph ? getComputedStyle(glyph).outlineStyle : 'none';
      });
      expect(focus).toBe('solid');
      await page.screenshot({ path: `${SHOTS}/rating-stars-dark-320.png`, fullPage: true });
      await page.getByRole('button', { name: '发送' }).click();
      await page.getByRole('status').filter({ hasText: '谢谢你的评价' }).waitFor();
      await page.context().close();
    });

    it('writes the contact mail with a tag the mail intake knows and the UID; off shift, says nobody is on shift', async () => {
      const tags = (await desk.app.inject({ url: '/api/v1/contact/mail-tags' })).json() as {
        items: Array<{ tag: string; categoryCode: string }>;
      };
      const deposit = tags.items.filter((t) => t.categoryCode === 'deposit_withdrawal').map((t) => t.tag);
      expect(deposit.length).toBeGreaterThan(0);
      const token = encodeURIComponent(
        await desk.identityToken('20000077', { language: 'zh-CN', region: 'US' }),
      );

      // Nobody on shift, an urgent matter, the US hotline always open.
      await desk.services.db.update(agents).set({ status: 'offline' });
      const page = await phone();
      await page.goto(
        `${base}/contact?category=deposit_withdrawal&urgent=1&account=1&region=US&token=${token}`,
      );
      const recommended = page.locator('article.channel.recommended');
      await expect.poll(() => recommended.getAttribute('data-channel'), { timeout: 10_000 }).toBe('hotline');
      const said = (await recommended.textContent()) ?? '';
      expect(said).toContain('没有在线客服在班');
      expect(said).not.toContain('忙不过来');

      const href = await page
        .getByRole('article', { name: '发送邮件' })
        .getByRole('link')
        .getAttribute('href');
      const url = new URL(href!);
      const subject = url.searchParams.get('subject') ?? '';
      const body = url.searchParams.get('body') ?? '';
      const tag = /【(.+?)】/.exec(subject)?.[1];
      expect(tag && deposit.includes(tag.toLowerCase())).toBe(true);
      expect(body).toContain('20000077');
      // The intake's own reading of that subject files it under the category: one list for both.
      expect(categoryCodeOfSubject(`${subject}提现未到账`, desk.config.email!.subjectTags)).toBe(
        'deposit_withdrawal',
      );
      await page.screenshot({ path: `${SHOTS}/contact-offshift-hotline.png`, fullPage: true });
      await page.context().close();
    });
  },
);
