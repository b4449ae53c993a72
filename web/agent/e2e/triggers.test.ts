import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

/** Nothing wider than the window, and the editor and the dry run side by side at full size. */
async function checkLayout(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const form = await page.locator('.trigger-form').boundingBox();
  const dry = await page.getByTestId('dry-run').boundingBox();
  expect(form!.width).toBeGreaterThan(450);
  expect(dry!.width).toBeGreaterThan(250);
  expect(dry!.x).toBeGreaterThanOrEqual(form!.x + form!.width);
  // Inputs keep a line's height (a flex basis must not stretch them in a column).
  for (const name of ['name', 'position', 'dryTicket']) {
    const box = await page.locator(`input[name=${name}]`).boundingBox();
    expect(box!.height).toBeLessThan(48);
  }
  for (const row of await page.locator('.trigger-form .rule-row, .dry-run .rule-row').all()) {
    const box = await row.boundingBox();
    const inForm = box !== null && box.x < dry!.x;
    const edge = inForm ? form!.x + form!.width : dry!.x + dry!.width;
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(edge + 1);
  }
}

describeInBrowser('triggers screen in the browser', () => {
  it('creates a trigger with conditions and actions, dry-runs it on a ticket, and it fires; zh-CN and en', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const customer = await desk.customer('trg-ui-1');
    const open = (title: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title, description: 'USDT 提现两小时未到账' },
      });
    const existing = (await open('提现未到账')).json() as { number: string };
    await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: admin.write,
      payload: { language: 'en' },
    });
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: 'Triggers', exact: true }).click();
    await page.getByRole('heading', { name: 'Triggers' }).waitFor();
    await page.getByRole('button', { name: 'New trigger' }).click();

    await page.fill('input[name=name]', 'Stalled withdrawal → high');
    await page.getByRole('button', { name: '+ Add a condition' }).click();
    await page.fill('input[name=condValue0]', '未到账');
    await page.getByRole('button', { name: '+ Add an action' }).click();
    await page.fill('input[name=tags1]', 'withdrawal-delay, auto');

    // The dry run on the existing ticket: it would fire, and says why and what it would change.
    await page.fill('input[name=dryTicket]', existing.number);
    await page.getByRole('button', { name: 'Try it' }).click();
    await page.getByText('Would fire', { exact: true }).waitFor();
    await expect(page.locator('.dry-result [data-holds="true"]').count()).resolves.toBe(1);
    const effect = (await page.locator('.dry-result .effect').textContent()) ?? '';
    expect(effect).toContain('priority: normal → high');
    expect(effect).toContain('withdrawal-delay');
    await checkLayout(page);
    await page.screenshot({ path: screenshotPath('triggers-editor-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Save trigger' }).click();
    await page.locator('tr[data-trigger="Stalled withdrawal → high"]').waitFor();
    const list = await desk.app.inject({ url: '/api/v1/admin/triggers', headers: admin.read });
    const saved = list.json().items.find((t: { name: string }) => t.name === 'Stalled withdrawal → high');
    expect(saved).toMatchObject({
      events: ['ticket.created'],
      match: 'all',
      conditions: [{ field: 'text', op: 'contains', value: '未到账' }],
      actions: [
        { type: 'priority', value: 'high' },
        { type: 'add_tags', tags: ['withdrawal-delay', 'auto'] },
      ],
    });
    // It runs: a new matching ticket is raised and tagged.
    const fresh = (await open('还是没到账')).json() as { id: string };
    await eventually(async () => {
      const t = await desk.app.inject({ url: `/api/v1/tickets/${fresh.id}`, headers: admin.read });
      return t.json().priority === 'high' && t.json().tags.includes('withdrawal-delay');
    }, 20_000);
    const table = await page.locator('.triggers-table').boundingBox();
    expect(table!.width).toBeGreaterThan(800);

    // The same screen in Chinese: the list, then the saved trigger opened for editing.
    await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: admin.write,
      payload: { language: 'zh-CN' },
    });
    await page.goto(`${baseUrl}/agent/admin/triggers`);
    await page.getByRole('heading', { name: '触发器' }).waitFor();
    await page.getByText('新建工单').first().waitFor();
    await page
      .locator('tr[data-trigger="Stalled withdrawal → high"]')
      .getByRole('button', { name: '编辑' })
      .click();
    await expect(page.locator('input[name=name]').inputValue()).resolves.toBe('Stalled withdrawal → high');
    await expect(page.locator('input[name=condValue0]').inputValue()).resolves.toBe('未到账');
    await page.getByRole('heading', { name: '试运行' }).waitFor();
    await page.fill('input[name=dryTicket]', existing.number);
    await page.selectOption('select[name=dryEvent]', 'message.added');
    await page.getByRole('button', { name: '试运行', exact: true }).click();
    await page.getByText('不会执行', { exact: true }).waitFor();
    await page.getByText('它不监听这个事件。').waitFor();
    await checkLayout(page);
    await page.screenshot({ path: screenshotPath('triggers-editor-zh.png'), fullPage: true });
    await context.close();
  });
});
