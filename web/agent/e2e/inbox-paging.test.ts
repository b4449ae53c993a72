import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

describeInBrowser('the inbox pages by cursor and searches the thread', () => {
  it('loads "more" without repeating a row, shows every view count, highlights a match', async () => {
    const { desk, baseUrl } = env;
    const token = await desk.apiToken(['tickets:write']);
    // More than a page of unassigned tickets (the demo desk has a few already).
    for (let i = 0; i < 30; i++) {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: token,
        payload: {
          title: `Paging ticket ${i}`,
          description: 'Checking the inbox pages',
          customer: { uid: `u-paging-${i}`, name: `Paging ${i}` },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const lin = await desk.signIn('lin');
    const target = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: token,
      payload: {
        title: '到账问题',
        description: '充值没到账',
        customer: { uid: 'u-paging-zh', name: '王伟' },
      },
    });
    await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${target.json().id}/messages`,
      headers: lin.write,
      payload: { body: '您的提现处理中，请耐心等待。' },
    });

    const context = await env.context();
    await env.signInContext(context, 'supervisor');
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}/agent/`);
    await page.waitForSelector('.inbox');
    await page.click('.views button:nth-child(2)'); // unassigned
    const rows = page.locator('.tickets tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('.tickets tbody tr').length === 25);
    // Every view's count came in one request: numbers, not the placeholder. The counts' request
    // is the list's neighbour, not its part: it may land after the rows (under CI's load it did).
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.views .count')].every((e) => e.textContent !== '·'),
    );
    const counts = await page.locator('.views .count').allTextContents();
    expect(counts.length).toBe(4);
    for (const c of counts) expect(c).toMatch(/^[\d,]+\+?$/);
    expect(Number(counts[1]!.replace(/\D/g, ''))).toBeGreaterThan(25);

    // The ticket number's cell (the first is the bulk tick box).
    const first = await rows.locator('td:nth-child(2)').allTextContents();
    await page.click('.pager button');
    await page.waitForFunction(() => document.querySelectorAll('.tickets tbody tr').length > 25);
    const all = await rows.locator('td:nth-child(2)').allTextContents();
    expect(all.slice(0, 25)).toEqual(first);
    expect(new Set(all).size).toBe(all.length);

    // A phrase from a later message of the thread, found and marked.
    await page.fill('input[name=q]', '提现处理中');
    await page.press('input[name=q]', 'Enter');
    const hit = page.locator('.tickets tbody tr', { hasText: target.json().number });
    await hit.waitFor();
    const mark = hit.locator('.match mark').first();
    expect(await mark.textContent()).toBe('提现处理中');
    const box = await mark.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(20);
    expect(box?.height ?? 0).toBeGreaterThan(8);
    // The view counts were not asked again with the search text: they still count the whole view.
    expect(await page.locator('.views .count').allTextContents()).toEqual(counts);
    await page.screenshot({ path: screenshotPath('inbox-search.png') });

    // A customer's name finds their ticket.
    await page.fill('input[name=q]', '王伟');
    await page.press('input[name=q]', 'Enter');
    await page.locator('.tickets tbody tr', { hasText: target.json().number }).waitFor();
    await context.close();
  });
});
