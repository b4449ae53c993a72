import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import {
  type BrowserDesk,
  screenshotPath,
  signedInPage,
  startBrowserDesk,
  watchForScripts,
} from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

describeInBrowser('admin console: brand, the verify page’s words, the chat bot', () => {
  it('colours and words set in the console show on the customer pages, as text', async () => {
    const { desk, baseUrl } = env;
    const { auth: admin, context, page } = await signedInPage(env, 'admin', 'en', 20_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: 'Brand' }).click();

    // A pale colour: the screen says so before saving, and the server refuses it in words.
    const primary = page.locator('input[name=primaryColour]');
    await primary.fill('#8fd3ff');
    await page.locator('[data-contrast=primaryColour].error').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    // (The refusal names the colour; its language follows the browser's, checked in Chinese below.)
    await page.getByRole('alert').getByText('#8fd3ff').waitFor();

    await primary.fill('#7a1f5c');
    await page.locator('[data-contrast=primaryColour].ok').waitFor();
    await page.locator('input[name=accentColour]').fill('#f0a8d8');
    await page.fill('input[name=brandName]', 'Lumen Pro');
    await page.fill('input[name=brandNameZh]', '流明专业版');
    const payload = '<img src=x onerror=alert(1)> 只认准本页列出的渠道。\n第二行';
    await page.fill('textarea[name="verifyIntro-zh-CN"]', payload);
    await page.fill('textarea[name=verifyIntro-en]', 'Trust only what this page lists.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    const form = await page.locator('.brand-admin .admin-form').boundingBox();
    expect(form!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-brand.png'), fullPage: true });

    // The customer's verify page (zh-CN browser): brand name, colours, the admin's words as text.
    const customer = await env.browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'zh-CN' });
    const verify = await customer.newPage();
    const dialogs = watchForScripts(verify);
    await verify.goto(`${baseUrl}/verify`);
    await verify.locator('.bar-brand', { hasText: '流明专业版' }).waitFor();
    const intro = verify.locator('.verify-intro');
    await intro.getByText('只认准本页列出的渠道').waitFor();
    expect(await intro.textContent()).toBe(payload);
    expect(await verify.locator('.verify-intro img').count()).toBe(0);
    // Two lines, as typed.
    const introBox = await intro.boundingBox();
    expect(introBox!.height).toBeGreaterThan(40);
    const button = verify.locator('form button[type=submit]');
    await expect
      .poll(() => button.evaluate((b) => getComputedStyle(b).backgroundColor))
      .toBe('rgb(122, 31, 92)');
    expect(await button.evaluate((b) => getComputedStyle(b).color)).toBe('rgb(255, 255, 255)');
    await verify.screenshot({ path: screenshotPath('customer-verify-brand.png'), fullPage: true });
    expect(dialogs).toEqual([]);

    // Dark pages take the accent colour with dark text; English readers get the English words.
    await verify.goto(`${baseUrl}/verify?theme=dark`);
    await expect
      .poll(() =>
        verify.locator('form button[type=submit]').evaluate((b) => getComputedStyle(b).backgroundColor),
      )
      .toBe('rgb(240, 168, 216)');
    expect(await verify.locator('form button[type=submit]').evaluate((b) => getComputedStyle(b).color)).toBe(
      'rgb(11, 13, 16)',
    );
    await customer.close();

    const english = await env.browser.newContext({ locale: 'en-US' });
    const en = await english.newPage();
    await en.goto(`${baseUrl}/verify?lang=en`);
    await en.locator('.bar-brand', { hasText: 'Lumen Pro' }).waitFor();
    await en.locator('.verify-intro').getByText('Trust only what this page lists.').waitFor();
    await english.close();

    // In Chinese, the console explains a refusal in Chinese.
    await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: admin.write,
      payload: { language: 'zh-CN' },
    });
    await page.goto(`${baseUrl}/agent/admin/brand`);
    await page.locator('input[name=accentColour]').fill('#303040');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').getByText('深色文字').waitFor();
    await context.close();
  }, 180_000);

  it('a greeting and a handoff word set in the console: a customer chat greets with it and hands over on it', async () => {
    const { desk, baseUrl } = env;
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${baseUrl}/agent/admin/bot`);
    await page.getByRole('link', { name: '聊天机器人' }).waitFor();
    await page.fill('textarea[name="greeting-zh-CN"]', '你好，我是流明小助手，请直接说问题。');
    await page.fill('textarea[name=handoffWords]', '找经理\nmanager please');
    await page.fill('input[name=cards]', '2');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('已保存').waitFor();
    const form = await page.locator('.bot-admin .admin-form').boundingBox();
    expect(form!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-bot.png'), fullPage: true });
    await context.close();

    const token = await desk.identityToken('10000077', { name: '赵敏', language: 'zh-CN' });
    const customer = await env.browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'zh-CN' });
    const chat = await customer.newPage();
    chat.setDefaultTimeout(20_000);
    await chat.goto(`${baseUrl}/chat?token=${encodeURIComponent(token)}`);
    await chat.getByRole('button', { name: '账户问题' }).click();
    await chat.locator('.chat-bot', { hasText: '你好，我是流明小助手，请直接说问题。' }).waitFor();
    // The admin's own word (not one of the built-in ones) fetches a person: nobody is on shift in
    // this desk, so the chat turns to "leave a message".
    const box = chat.getByRole('textbox', { name: '输入消息…' });
    await box.fill('我要找经理');
    await box.press('Enter');
    await chat.getByTestId('chat-leave-message').waitFor();
    await customer.close();
  }, 120_000);
});
