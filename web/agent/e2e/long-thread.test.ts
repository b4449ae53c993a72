import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { openLongThread } from '../../../server/src/testing/long-thread.ts';
import { type BrowserDesk, screenshotPath, signedInPage, startBrowserDesk } from './browser-desk.ts';

const TOTAL = 230;
let env: BrowserDesk;
let ticket: { id: string; number: string };
// The 229 replies go in through the API before the test, so its time is the browser's: in a CI
// run with both cores busy, writing them took most of the test's 30 seconds.
beforeAll(async () => {
  env = await startBrowserDesk();
  ({ ticket } = await openLongThread(env.desk, { uid: 'u-long-thread-e2e', total: TOTAL }));
});
afterAll(async () => {
  await env?.close();
});

// An agent's message is Markdown, rendered as a paragraph: its text ends in a line break.
const bodies = async (page: import('playwright-core').Page) =>
  (await page.locator('.thread > li .body').allTextContents()).map((text) => text.trim());
const expected = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `message ${from + i}`);

describeInBrowser('a long thread in the workspace', () => {
  it('opens on its newest hundred, shows earlier pages on request and keeps them when a reply comes', async () => {
    const { baseUrl } = env;

    const { context, page } = await signedInPage(env, 'lin', 'en', 15_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    await page.waitForSelector('.thread > li');
    expect(await bodies(page)).toEqual(expected(TOTAL - 99, TOTAL));
    const earlier = page.getByTestId('earlier-messages');
    expect(await earlier.textContent()).toBe(`Show ${TOTAL - 100} earlier messages`);
    // One line above the thread, centred in its column, not stretched across it.
    const box = await earlier.boundingBox();
    const thread = await page.locator('.thread').boundingBox();
    expect(box && thread).toBeTruthy();
    if (!box || !thread) return;
    expect(box.y + box.height).toBeLessThanOrEqual(thread.y);
    expect(box.height).toBeLessThan(40);
    expect(box.width).toBeLessThan(thread.width / 2);
    expect(Math.abs(box.x + box.width / 2 - (thread.x + thread.width / 2))).toBeLessThan(4);
    await page.screenshot({
      path: screenshotPath('long-thread.png'),
      clip: { x: 0, y: 0, width: 1280, height: 400 },
    });

    await earlier.click();
    await page.waitForFunction(() => document.querySelectorAll('.thread > li').length === 200);
    expect(await bodies(page)).toEqual(expected(TOTAL - 199, TOTAL));
    expect(await earlier.textContent()).toBe(`Show ${TOTAL - 200} earlier messages`);

    // A reply moves the newest page on by one: the message it leaves behind is read again, so
    // the thread has no hole between the earlier page and the newest.
    await page.fill('textarea[name=body]', 'message 231');
    await page.click('.composer .actions button.primary');
    await page.waitForFunction(() => document.querySelectorAll('.thread > li').length === 201);
    expect(await bodies(page)).toEqual(expected(TOTAL - 199, TOTAL + 1));

    await earlier.click();
    await page.waitForFunction((n) => document.querySelectorAll('.thread > li').length === n, TOTAL + 1);
    expect(await bodies(page)).toEqual(expected(1, TOTAL + 1));
    expect(await page.getByTestId('earlier-messages').count()).toBe(0);
    await context.close();
  });
});
