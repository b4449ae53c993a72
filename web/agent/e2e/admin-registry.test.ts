import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

async function verdict(value: string) {
  const res = await env.desk.app.inject({ url: `/api/v1/verify?value=${encodeURIComponent(value)}&lang=en` });
  return res.json().verdict as string;
}
async function publicLines(region: string) {
  const res = await env.desk.app.inject({ url: `/api/v1/contact/hotlines?region=${region}` });
  return (res.json().lines as { number: string; languages: string[] }[]).map((l) => l.number);
}

describeInBrowser('admin console: official channels and hotlines', () => {
  it('lists a domain as official (the verify page agrees) and removes it; adds a hotline the contact page lists', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const language = (lang: string) =>
      desk.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/preferences',
        headers: admin.write,
        payload: { language: lang },
      });
    await language('en');
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('dialog', (d) => void d.accept());

    // Official channels: a new help domain becomes official on the verify page, then is removed.
    expect(await verdict('lumen-helpdesk.example')).not.toBe('official');
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: 'Official channels' }).click();
    await page.selectOption('select[name=officialKind]', 'domain');
    await page.fill('input[name=officialValue]', 'lumen-helpdesk.example');
    await page.fill('input[name=officialName]', 'Lumen help desk');
    await page.getByRole('button', { name: 'Add to the registry' }).click();
    const row = page.locator('tr[data-official="lumen-helpdesk.example"]');
    await row.waitFor();
    expect(await verdict('lumen-helpdesk.example')).toBe('official');
    const table = await page.locator('.official-table').boundingBox();
    expect(table!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-official-channels.png'), fullPage: true });
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await verdict('lumen-helpdesk.example')).not.toBe('official');

    // Hotlines: a New Zealand line, English and Chinese, around the clock; then unlisted.
    expect(await publicLines('NZ')).toEqual([]);
    await page.getByRole('link', { name: 'Hotlines' }).click();
    await page.fill('input[name=hotlineRegion]', 'nz');
    await page.fill('input[name=hotlineNumber]', '+64 9 123 4567');
    await page.fill('input[name=hotlineTimeZone]', 'Pacific/Auckland');
    await page.locator('input[name=hotlineLanguage][value=en]').check();
    await page.locator('input[name=hotlineLanguage][value="zh-CN"]').check();
    await page.locator('input[name=hotlineAlways]').check();
    await page.getByRole('button', { name: 'Add hotline' }).click();
    const line = page.locator('tr[data-hotline="+6491234567"]');
    await line.waitFor();
    // Languages and the region by name, not by code.
    expect(await line.textContent()).toContain('New Zealand');
    expect(await line.textContent()).toContain('English, Chinese (China)');
    await line.getByText('open now').waitFor();
    expect(await publicLines('NZ')).toEqual(['+6491234567']);
    const lines = await page.locator('.hotlines-table').boundingBox();
    expect(lines!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-hotlines.png'), fullPage: true });
    // A controlled box: it turns once the server has taken the change.
    await line.locator('input[name=hotlineActive]').click();
    await page.locator('tr.disabled[data-hotline="+6491234567"]').waitFor();
    expect(await publicLines('NZ')).toEqual([]);

    // In Chinese: names in Chinese, and a number the server refuses is explained in Chinese.
    await language('zh-CN');
    await page.goto(`${baseUrl}/agent/admin/hotlines`);
    await page.getByRole('link', { name: '客服热线' }).waitFor();
    await page.locator('tr[data-hotline="+6491234567"]').getByText('新西兰').waitFor();
    expect(await page.locator('tr[data-hotline="+6491234567"]').textContent()).toContain('英语');
    await page.fill('input[name=hotlineRegion]', 'NZ');
    await page.fill('input[name=hotlineNumber]', '12345');
    await page.locator('input[name=hotlineLanguage][value=en]').check();
    await page.getByRole('button', { name: '添加热线' }).click();
    await page.getByRole('alert').getByText('提交的内容有误').waitFor();
    await page.screenshot({ path: screenshotPath('admin-hotlines-zh.png'), fullPage: true });
    await context.close();
  }, 180_000);
});
