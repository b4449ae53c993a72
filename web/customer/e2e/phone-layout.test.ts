import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, eventually, type TestDesk } from '../../../server/src/testing/harness.ts';

/**
 * The customer pages on the narrowest phone the product promises (320 px), in light and dark:
 * nothing wider than the screen, the controls a customer needs on screen and not covered, and the
 * key texts readable (WCAG contrast computed from the styles the browser applied).
 */

const WIDTH = 320;

let desk: TestDesk;
let browser: Browser;
let base: string;
const UID = '40000001';

beforeAll(async () => {
  desk = await createTestDesk();
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
  // Something in "my tickets" and the inbox: a ticket with an agent's reply.
  const customer = await desk.customer(UID, { name: 'Kim', language: 'zh-CN', region: 'SG' });
  const created = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: '充值 USDT 一直没有到账，已经过了两个小时', description: 'TRC20 充值未到账' },
  });
  expect(created.statusCode).toBe(201);
  const agent = await desk.signIn('lin');
  const reply = await desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${created.json().id}/messages`,
    headers: agent.write,
    payload: { body: '您好，我们正在核查这笔充值。', visibility: 'public' },
  });
  expect(reply.statusCode).toBe(201);
  await eventually(async () => {
    const inbox = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/me/inbox',
      headers: customer.headers,
    });
    return inbox.statusCode === 200 && (inbox.json() as { items: unknown[] }).items.length > 0;
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** WCAG contrast of an element's text against what is really behind it (ancestor backgrounds, opacity). */
async function contrastOf(locator: Locator): Promise<{ ratio: number; large: boolean; text: string }> {
  return locator.evaluate((el) => {
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const over = (top: number[], bottom: number[]) => {
      const a = top[3]!;
      return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1);
    };
    // The background: the nearest layers up the tree, composited over the page's canvas.
    const layers: number[][] = [];
    let opacity = 1;
    for (let n: Element | null = el; n; n = n.parentElement) {
      const style = getComputedStyle(n);
      opacity *= Number(style.opacity);
      const bg = parse(style.backgroundColor);
      if (bg[3] > 0) layers.push(bg);
    }
    let back: number[] = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (back[3] === 0) back = [255, 255, 255, 1];
    for (const layer of layers.reverse()) back = over(layer, back);
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    const text = over([fg[0]!, fg[1]!, fg[2]!, fg[3]! * opacity], back);
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [hi, lo] = [lum(text), lum(back)].sort((a, b) => b - a);
    const size = Number.parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    return {
      ratio: (hi! + 0.05) / (lo! + 0.05),
      large: size >= 24 || (bold && size >= 18.66),
      text: (el.textContent ?? '').trim().slice(0, 40),
    };
  });
}

async function expectReadable(page: Page, selectors: string[]) {
  for (const selector of selectors) {
    const target = page.locator(selector).first();
    await target.waitFor();
    const c = await contrastOf(target);
    const needed = c.large ? 3 : 4.5;
    expect(c.ratio, `${selector} ("${c.text}") contrast ${c.ratio.toFixed(2)}`).toBeGreaterThanOrEqual(
      needed,
    );
  }
}

/** On screen once scrolled to, inside the 320 px, and the topmost thing where a finger lands. */
async function expectReachable(controls: Locator[]) {
  for (const control of controls) {
    await control.scrollIntoViewIfNeeded();
    const box = await control.boundingBox();
    expect(box, String(control)).not.toBeNull();
    expect(box!.x, String(control)).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, String(control)).toBeLessThanOrEqual(WIDTH + 0.5);
    expect(box!.height, String(control)).toBeGreaterThanOrEqual(24);
    const hit = await control.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const ok = top === el || el.contains(top) || top === (el as HTMLInputElement).labels?.[0];
      return ok
        ? true
        : `${top?.tagName}.${top?.className} "${top?.textContent?.slice(0, 30)}" at y ${r.top}`;
    });
    expect(hit, `${String(control)} is covered`).toBe(true);
  }
}

async function expectNoOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
}

for (const scheme of ['light', 'dark'] as const) {
  const locale = scheme === 'light' ? 'zh-CN' : 'en';
  const zh = locale === 'zh-CN';
  describeInBrowser(`customer pages at ${WIDTH} px, ${scheme}, ${locale}`, () => {
    it('contact, new ticket, my tickets, inbox and chat fit, can be reached and are readable', async () => {
      const context = await browser.newContext({
        viewport: { width: WIDTH, height: 640 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale,
        colorScheme: scheme,
        timezoneId: 'Asia/Singapore',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (e) => console.log('page error:', e.message));
      const token = await desk.identityToken(UID, { language: locale, region: 'SG' });
      const shot = (name: string) =>
        page.screenshot({ path: join(SHOTS, `phone-${WIDTH}-${scheme}-${name}.png`), fullPage: true });

      // Contact: the recommendation, the channels, the hotlines. The matter touches the account, so
      // the public channels are always shown as unavailable (the hotline's state depends on the hour).
      await page.goto(
        `${base}/contact?category=deposit_withdrawal&urgent=1&account=1&lang=${locale}&token=${encodeURIComponent(token)}`,
      );
      await page.locator('article.channel.recommended').waitFor();
      await page.locator('#hotlines, [data-testid=no-hotline], .hotline').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme ?? null)).toBeNull();
      await expectNoOverflow(page);
      await expectReachable([
        page.locator('#cat'),
        page.locator('article.channel.recommended a.action').first(),
        page.getByRole('link', { name: zh ? '我的工单' : 'My tickets' }).last(),
      ]);
      await expectReadable(page, [
        'h1',
        'article.channel.recommended h3',
        'article.channel.recommended a.action',
        'article.channel:not(.recommended) p.muted',
        'article.channel.unavailable h3',
        'label[for=cat] .prefilled',
        'main > p.muted',
      ]);
      await shot('contact');

      // The ticket form, with a TXID of the wrong shape passed in: the field's error is readable too.
      await page.goto(
        `${base}/tickets/new?category=deposit_withdrawal&network=TRC20&txid=0xabc&lang=${locale}`,
      );
      await page.locator('#f-txid').waitFor();
      await page.locator('#f-txid').focus();
      await page.locator('#f-txid').blur();
      await page.locator('.field-error').first().waitFor();
      await expectNoOverflow(page);
      await expectReachable([
        page.locator('#t-title'),
        page.locator('#f-txid'),
        page.locator('input[type=file]').first().locator('xpath=..'),
        page.locator('form button[type=submit]'),
      ]);
      await expectReadable(page, [
        'h1',
        'label[for=t-title]',
        '#t-title',
        '.field-error',
        'label[for=f-txid] .prefilled',
        'form button[type=submit]',
      ]);
      await shot('new-ticket');

      // My tickets and one ticket.
      await page.goto(`${base}/tickets?lang=${locale}`);
      await page.locator('li.channel a').first().waitFor();
      await expectNoOverflow(page);
      await expectReachable([page.locator('main a.primary'), page.locator('li.channel a').first()]);
      await expectReadable(page, [
        'h1',
        'main a.primary',
        'li.channel a strong',
        'li.channel .small',
        '.status-pill',
      ]);
      await shot('my-tickets');

      // The inbox with its unread message.
      await page.goto(`${base}/inbox?lang=${locale}`);
      await page.locator('li.channel').first().waitFor();
      await expectNoOverflow(page);
      await expectReachable([page.locator('main > button').first(), page.locator('li.channel a').first()]);
      await expectReadable(page, [
        'h1',
        'h1 .badge',
        'main > button',
        'li.channel strong',
        'li.channel p.muted',
        'li.channel a',
      ]);
      await shot('inbox');

      // The chat: the never-ask line, the bot, the handoff button, the composer, a sent message.
      await page.goto(`${base}/chat?category=trading&lang=${locale}`);
      await page.locator('.chat-bot').first().waitFor();
      const box = page.locator('.chat-compose textarea');
      await box.fill(zh ? '下单失败怎么办' : 'my order failed');
      await box.press('Enter');
      await page.locator('li.chat-mine').first().waitFor();
      await expectNoOverflow(page);
      await expectReachable([
        page.getByRole('button', { name: zh ? '转人工客服' : 'Talk to a person' }).last(),
        box,
        page.locator('.chat-compose button[type=submit]'),
        page.locator('.chat-attach'),
        page.locator('.chat-end'),
      ]);
      await expectReadable(page, [
        '.chat-never',
        '.chat-bot .chat-body',
        'li.chat-mine .chat-body',
        '.chat-compose button[type=submit]',
        '.chat-end',
      ]);
      await shot('chat');

      // After the handoff (nobody of the trading team is on shift: leave a message) the checklist.
      await page
        .getByRole('button', { name: zh ? '转人工客服' : 'Talk to a person' })
        .last()
        .click();
      const checklist = page.locator('form.chat-checklist');
      await checklist.waitFor();
      await expectNoOverflow(page);
      await expectReachable([
        checklist.locator('input').first(),
        checklist.locator('summary'),
        checklist.locator('button[type=submit]'),
        checklist.locator('button[type=button]'),
      ]);
      await expectReadable(page, [
        '.chat-checklist-title',
        '.chat-checklist p.muted',
        '.chat-checklist .prefilled',
        '.chat-checklist summary',
        '.chat-checklist button[type=submit]',
        '.chat-checklist button[type=button]',
        '.chat-warn p',
      ]);
      await shot('chat-checklist');
      await context.close();
    }, 120_000);
  });
}
