import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, PHONE } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

describeInBrowser('a merged ticket in the browser', () => {
  it('the agent workspace and the customer page open the survivor in its place', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const customer = await desk.customer('merge-ui-1');
    const open = async (title: string) => {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title, description: `${title}：详情` },
      });
      return res.json() as { id: string; number: string };
    };
    const older = await open('提现未到账');
    const newer = await open('提现还没到');
    const merged = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${newer.id}/merge`,
      headers: admin.write,
      payload: { tickets: [older.number] },
    });
    expect(merged.statusCode, merged.body).toBe(200);

    // The workspace: the merged ticket's address shows the survivor, its thread carrying both.
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${baseUrl}/agent/tickets/${older.number}`);
    await page.waitForURL(`**/agent/tickets/${newer.number}`);
    await page.getByText('提现未到账：详情').first().waitFor();
    await page.getByText('提现还没到：详情').first().waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('merged-ticket-agent.png') });
    await context.close();

    // The customer page on a phone: the same, and the notice of the merge is in the thread.
    const token = await desk.identityToken('merge-ui-1');
    const phone = await env.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const mine = await phone.newPage();
    mine.setDefaultTimeout(30_000);
    await mine.goto(`${baseUrl}/tickets/${older.number}?lang=zh-CN&token=${encodeURIComponent(token)}`);
    await mine.waitForURL(`**/tickets/${newer.number}`);
    await mine.getByText(`您的工单 ${older.number} 已合并到本工单`).waitFor();
    await mine.getByRole('heading', { name: '提现还没到' }).waitFor();
    expect(
      await mine.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await mine.screenshot({ path: screenshotPath('merged-ticket-customer.png') });
    await phone.close();
  });

  it('the merge action: the customer’s open tickets, confirm, merged; a refusal in the agent’s language', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const customer = await desk.customer('merge-ui-2');
    const open = async (title: string) => {
      const res = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title, description: `${title}：详情` },
      });
      return res.json() as { id: string; number: string };
    };
    const first = await open('充值未到账');
    const second = await open('充值还没到');
    const third = await open('充值第三次询问');
    const survivor = await open('充值问题汇总');
    const someoneElse = await desk.customer('merge-ui-3');
    const foreign = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: someoneElse.headers,
      payload: { title: '别人的工单', description: '别人的工单：详情' },
    });

    const context = await env.context();
    await env.signInContext(context, 'supervisor');
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${baseUrl}/agent/tickets/${survivor.number}`);
    const panel = page.getByTestId('merge-panel');
    await panel.getByRole('button', { name: '把其他工单合并到本工单…' }).click();
    // Only this customer's other open tickets are offered.
    for (const t of [first, second, third]) await panel.getByLabel(t.number).waitFor();
    expect(await panel.getByLabel(survivor.number).count()).toBe(0);
    expect(await panel.getByLabel((foreign.json() as { number: string }).number).count()).toBe(0);
    const list = await panel.locator('.merge-candidates').boundingBox();
    const side = await page.locator('.side-column').boundingBox();
    expect(list!.width).toBeGreaterThan(200);
    expect(list!.x + list!.width).toBeLessThanOrEqual(side!.x + side!.width + 1);

    await panel.getByLabel(first.number).check();
    await panel.getByLabel(second.number).check();
    await panel.getByRole('button', { name: '合并所选的 2 个…' }).click();
    await panel.getByText(`确定把 2 个工单合并到 ${survivor.number}？`).waitFor();
    await page.screenshot({ path: screenshotPath('merge-confirm.png') });
    await panel.getByRole('button', { name: '确认合并' }).click();
    // Merged: both threads are in this ticket now.
    await page.getByText('充值未到账：详情').first().waitFor();
    await page.getByText('充值还没到：详情').first().waitFor();
    const after = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${first.id}`,
      headers: admin.read,
    });
    expect(after.json().mergedInto.number).toBe(survivor.number);

    // The third ticket is closed while the agent decides: the server's refusal, in Chinese.
    await panel.getByRole('button', { name: '把其他工单合并到本工单…' }).click();
    await panel.getByLabel(third.number).check();
    await panel.getByRole('button', { name: '合并所选的 1 个…' }).click();
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${third.id}`,
      headers: admin.write,
      payload: { status: 'closed' },
    });
    await panel.getByRole('button', { name: '确认合并' }).click();
    await panel
      .getByRole('alert')
      .filter({ hasText: `无法合并：${third.number} 已关闭` })
      .waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('merge-refused.png') });
    await context.close();
  });
});
