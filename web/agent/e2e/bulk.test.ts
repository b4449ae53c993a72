import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
  // 27 tickets: one more page than the inbox shows (25), so "all matching the filter" matters.
  const supervisor = await env.desk.signIn('supervisor');
  for (let i = 0; i < 27; i++) {
    const res = await env.desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: supervisor.write,
      payload: {
        title: `提现未到账 #${i}`,
        description: 'TRC20 提现延迟',
        customer: { uid: `bulk-e2e-${i}` },
        tags: ['bulk-e2e'],
      },
    });
    expect(res.statusCode).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await env?.close();
});

async function listed(query: string) {
  const supervisor = await env.desk.signIn('supervisor');
  const res = await env.desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets?tag=bulk-e2e&limit=100${query}`,
    headers: supervisor.read,
  });
  return res.json().items as Array<{ number: string; priority: string; tags: string[] }>;
}

describeInBrowser('bulk actions in the inbox', () => {
  it('a supervisor selects all 27 matching the filter and sets the priority, with progress (zh-CN)', async () => {
    const { baseUrl } = env;
    const context = await env.context();
    await env.signInContext(context, 'supervisor');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/`);
    await page.locator('.views button', { hasText: '全部' }).click();
    await page.getByRole('textbox', { name: '标签' }).fill('bulk-e2e');
    await page.getByRole('textbox', { name: '标签' }).press('Enter');
    await page.locator('.tickets tbody tr').nth(24).waitFor();
    expect(await page.locator('.tickets tbody tr').count()).toBe(25);

    await page.getByRole('checkbox', { name: '全选本页' }).check();
    await expect(page.getByTestId('bulk-count').textContent()).resolves.toBe('已选 25 个');
    await page.getByRole('button', { name: '选择符合筛选条件的全部 27 个' }).click();
    await expect(page.getByTestId('bulk-count').textContent()).resolves.toBe('已选择符合筛选条件的全部工单');
    await page.selectOption('select[name=bulkAction]', 'priority');
    await page.selectOption('select[name=bulkValue]', 'urgent');
    // Layout: the bar spans the list; the tick column stays narrow.
    const bar = (await page.locator('.bulk-bar').boundingBox())!;
    const table = (await page.locator('.tickets').boundingBox())!;
    expect(Math.abs(bar.width - table.width)).toBeLessThan(2);
    const pick = (await page.locator('.tickets td.pick').first().boundingBox())!;
    expect(pick.width).toBeLessThan(48);
    await page.screenshot({ path: screenshotPath('bulk-bar.png') });
    await page.getByRole('button', { name: '应用到 27 个' }).click();
    await page
      .getByTestId('bulk-progress')
      .getByText('完成：27 个中变更 27 个，拒绝 0 个。')
      .waitFor({ timeout: 60_000 });
    const after = await listed('');
    expect(after).toHaveLength(27);
    expect(after.every((t) => t.priority === 'urgent')).toBe(true);
    // The list shows the change without a reload.
    await page.locator('.tickets tbody tr .priority-urgent').nth(24).waitFor();
    await page.screenshot({ path: screenshotPath('bulk-finished.png') });
    await context.close();
  }, 150_000);

  it('an agent ticks two rows and adds a tag (en)', async () => {
    const { desk, baseUrl } = env;
    const context = await env.context();
    await env.signInContext(context, 'maya');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/`);
    await page.locator('.views button', { hasText: 'Unassigned' }).click();
    await page.getByRole('textbox', { name: 'Tags' }).fill('bulk-e2e');
    await page.getByRole('textbox', { name: 'Tags' }).press('Enter');
    await page.locator('.tickets tbody tr').nth(1).waitFor();
    const rows = page.locator('.tickets tbody tr');
    const numbers = [
      await rows.nth(0).locator('a').textContent(),
      await rows.nth(1).locator('a').textContent(),
    ];
    await page.getByRole('checkbox', { name: `Select ${numbers[0]}` }).check();
    await page.getByRole('checkbox', { name: `Select ${numbers[1]}` }).check();
    await expect(page.getByTestId('bulk-count').textContent()).resolves.toBe('2 selected');
    // Ticking does not open the ticket.
    expect(page.url()).not.toContain('/tickets/');
    await page.selectOption('select[name=bulkAction]', 'add_tags');
    await page.fill('input[name=bulkValue]', 'checked-e2e');
    await page.getByRole('button', { name: 'Apply to 2' }).click();
    await page
      .getByTestId('bulk-progress')
      .getByText('Finished: 2 of 2 changed, 0 refused.')
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('bulk-en.png') });
    const tagged = (await listed('')).filter((t) => t.tags.includes('checked-e2e')).map((t) => t.number);
    expect(tagged.sort()).toEqual([...numbers].sort());
    const maya = await desk.signIn('maya');
    const one = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${numbers[0]}`,
      headers: maya.read,
    });
    expect(one.json().history.find((h: { kind: string }) => h.kind === 'tags').actorId).toBe(maya.agentId);
    await context.close();
  }, 150_000);
});
