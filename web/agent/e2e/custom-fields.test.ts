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

const noSideScroll = () => document.documentElement.scrollWidth - window.innerWidth;

describeInBrowser('custom fields in the browser', () => {
  it('an admin defines fields; an agent fills them in the sidebar and the customer panel, filters the inbox (zh-CN)', async () => {
    const { desk, baseUrl } = env;
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // The admin console: a choice field for tickets, a text field for customers.
    await page.goto(`${baseUrl}/agent/admin/fields`);
    const form = page.getByRole('form', { name: '添加字段' });
    await form.waitFor();
    await page.selectOption('select[name=type]', 'choice');
    await page.fill('input[name=key]', 'network');
    await page.fill('input[name=labelZh]', '提现网络');
    await page.fill('input[name=labelEn]', 'Network');
    await page.fill(
      'textarea[name=choices]',
      'trc20|波场 TRC20|Tron TRC20\nerc20|以太坊 ERC20|Ethereum ERC20',
    );
    await form.getByRole('button', { name: '添加字段' }).click();
    await page.locator('tr[data-key=network]').waitFor();
    await page.selectOption('select[name=entity]', 'customer');
    await page.selectOption('select[name=type]', 'text');
    await page.fill('input[name=key]', 'vip_tier');
    await page.fill('input[name=labelZh]', '会员等级');
    await page.fill('input[name=labelEn]', 'VIP tier');
    await form.getByRole('button', { name: '添加字段' }).click();
    await page.locator('tr[data-key=vip_tier]').waitFor();
    // A key taken: the server's refusal, in Chinese.
    await page.selectOption('select[name=entity]', 'ticket');
    await page.selectOption('select[name=type]', 'number');
    await page.fill('input[name=key]', 'network');
    await page.fill('input[name=labelZh]', '重复');
    await page.fill('input[name=labelEn]', 'Again');
    await form.getByRole('button', { name: '添加字段' }).click();
    await form.getByRole('alert').filter({ hasText: '该值已被使用' }).waitFor();
    const table = await page.locator('.fields-table').boundingBox();
    expect(table!.width).toBeGreaterThan(600);
    expect(await page.evaluate(noSideScroll)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('admin-custom-fields.png'), fullPage: true });
    const defs = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/custom-fields',
      headers: (await desk.signIn('admin')).read,
    });
    expect(
      defs
        .json()
        .items.map((f: { key: string }) => f.key)
        .sort(),
    ).toEqual(['network', 'vip_tier']);

    // The ticket: set the network in the sidebar; the customer's tier in the customer panel.
    const customer = await desk.customer('fields-e2e-1', { name: '王小明' });
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '提现未到账', description: 'USDT 提现两小时未到账' },
    });
    const ticket = opened.json() as { id: string; number: string };
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    const panel = page.getByTestId('ticket-fields');
    await panel.getByRole('heading', { name: '工单字段' }).waitFor();
    await panel.getByRole('button', { name: '编辑字段' }).click();
    await panel.getByLabel('提现网络').selectOption('trc20');
    await panel.getByRole('button', { name: '保存' }).click();
    await panel.locator('dd[data-field=network]').filter({ hasText: '波场 TRC20' }).waitFor();

    const mine = page.getByTestId('customer-fields');
    await mine.getByRole('button', { name: '编辑字段' }).click();
    await mine.getByLabel('会员等级').fill('黄金会员');
    await mine.getByRole('button', { name: '保存' }).click();
    await mine.locator('dd[data-field=vip_tier]').filter({ hasText: '黄金会员' }).waitFor();

    // Stored through the API, in the history; the sidebar keeps its width.
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: (await desk.signIn('admin')).read,
    });
    expect(detail.json().customFields).toEqual({ network: 'trc20' });
    expect(detail.json().customer.customFields).toEqual({ vip_tier: '黄金会员' });
    expect(detail.json().history.some((h: { kind: string }) => h.kind === 'fields')).toBe(true);
    const side = await page.locator('.side-column').boundingBox();
    const box = await panel.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.x + box!.width).toBeLessThanOrEqual(side!.x + side!.width + 1);
    expect(await page.evaluate(noSideScroll)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('ticket-custom-fields.png') });

    // The inbox: the unassigned view, filtered on the field's value (and its view counts with it).
    const other = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '另一个提现问题', description: '没有填写网络' },
    });
    await page.goto(`${baseUrl}/agent/`);
    await page.waitForSelector('.inbox');
    await page.click('.views button:nth-child(2)'); // unassigned
    const rows = page.locator('.tickets tbody tr');
    await rows.filter({ hasText: (other.json() as { number: string }).number }).waitFor();
    await page.getByLabel('自定义字段').selectOption('network');
    await page.getByLabel('值', { exact: true }).selectOption('trc20');
    await page.waitForFunction(() => document.querySelectorAll('.tickets tbody tr').length === 1);
    await rows.filter({ hasText: ticket.number }).waitFor();
    await page.getByLabel('值', { exact: true }).selectOption('erc20');
    await page.waitForFunction(() => document.querySelectorAll('.tickets tbody tr').length === 0);
    // A customer's field (its own group in the list): both tickets are that customer's.
    await page.getByLabel('自定义字段').selectOption('customer.vip_tier');
    const value = page.getByLabel('值', { exact: true });
    await value.fill('黄金会员');
    await value.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.tickets tbody tr').length === 2);
    await rows.filter({ hasText: (other.json() as { number: string }).number }).waitFor();
    await value.fill('白银会员');
    await value.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.tickets tbody tr').length === 0);
    const bar = await page.locator('.inbox').boundingBox();
    expect(bar!.width).toBeGreaterThan(600);
    expect(await page.evaluate(noSideScroll)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('inbox-field-filter.png') });
    await context.close();
  });

  it('a macro sets a custom field: written in the macro form, previewed by its label in the composer', async () => {
    const { desk, baseUrl } = env;
    // The fields of the test above exist on this desk (network: a choice).
    const customer = await desk.customer('fields-e2e-2');
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '提现卡住了', description: 'TRC20 提现一直在处理中' },
    });
    const ticket = opened.json() as { id: string; number: string };
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/macros`);
    await page.fill('input[name=macroName]', '标记 TRC20');
    await page.getByLabel('设置字段: 提现网络').selectOption('trc20');
    await page.getByLabel('设置字段: 客户字段 · 会员等级').fill('白银会员');
    await page.getByRole('button', { name: '创建宏' }).click();
    await page.locator('tr[data-macro="标记 TRC20"]').waitFor();
    const macros = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/macros',
      headers: (await desk.signIn('lin')).read,
    });
    const macro = macros.json().items.find((m: { name: string }) => m.name === '标记 TRC20');
    expect(macro.actions).toEqual([
      { type: 'set_field', key: 'network', value: 'trc20' },
      { type: 'set_field', entity: 'customer', key: 'vip_tier', value: '白银会员' },
    ]);

    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    await page.waitForSelector('.thread');
    await page.selectOption('.composer select[name=macro]', { label: '标记 TRC20' });
    const row = page.locator('.macro-preview tr[data-field="field:network"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/提现网络.*→.*波场 TRC20/);
    await expect(
      page.locator('.macro-preview tr[data-field="customer_field:vip_tier"]').textContent(),
    ).resolves.toMatch(/客户字段 · 会员等级.*→.*白银会员/);
    const composer = (await page.locator('.composer').boundingBox())!;
    const box = (await page.locator('.macro-preview').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(composer.x + composer.width + 0.5);
    await page.screenshot({ path: screenshotPath('macro-set-field.png'), fullPage: true });
    await context.close();
  });

  it('the trigger editor writes custom-field conditions and a customer set-field action, which fire on a ticket', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    // A rule written through the API opens in the editor as editable rows (kept inactive here).
    const made = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers',
      headers: admin.write,
      payload: {
        name: 'TRC20 → ERC20',
        active: false,
        events: ['fields.changed'],
        conditions: [
          { field: 'custom_field', entity: 'ticket', key: 'network', op: 'equals', value: 'trc20' },
        ],
        actions: [{ type: 'set_field', key: 'network', value: 'erc20' }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/admin/triggers`);
    const apiRow = page.locator('tr[data-trigger="TRC20 → ERC20"]');
    await expect(apiRow.textContent()).resolves.toContain('设置自定义字段');
    await apiRow.getByRole('button', { name: '编辑' }).click();
    await expect(page.locator('select[name=condKey0]').inputValue()).resolves.toBe('ticket:network');
    await expect(page.locator('select[name=condValue0]').inputValue()).resolves.toBe('trc20');
    await expect(page.locator('select[name=actionKey0]').inputValue()).resolves.toBe('ticket:network');
    await expect(page.locator('select[name=actionValue0]').inputValue()).resolves.toBe('erc20');
    await page.getByRole('button', { name: '取消' }).click();

    // A new trigger: network is TRC20 and the customer has no tier → the customer's tier is set.
    await page.getByRole('button', { name: '新建触发器' }).click();
    await page.fill('input[name=name]', 'TRC20 → 标记会员');
    await page.uncheck('input[name=event][value="ticket.created"]');
    await page.check('input[name=event][value="fields.changed"]');
    await page.getByRole('button', { name: '+ 添加条件' }).click();
    await page.selectOption('select[name=condField0]', 'custom_field');
    await page.selectOption('select[name=condKey0]', 'ticket:network');
    // A choice field's value is one of its choices, by its label.
    await page.selectOption('select[name=condValue0]', { label: '波场 TRC20' });
    await page.getByRole('button', { name: '+ 添加条件' }).click();
    await page.selectOption('select[name=condField1]', 'custom_field');
    await page.selectOption('select[name=condKey1]', 'customer:vip_tier');
    await page.selectOption('select[name=condOp1]', 'not_set');
    expect(await page.locator('[name=condValue1]').count()).toBe(0);
    await page.selectOption('select[name=actionType0]', 'set_field');
    await page.selectOption('select[name=actionKey0]', 'customer:vip_tier');
    await page.fill('input[name=actionValue0]', '待核实');
    await page.getByRole('button', { name: '+ 添加动作' }).click();
    await page.selectOption('select[name=actionType1]', 'priority');
    await page.selectOption('select[name=actionValue1]', 'urgent');
    // Layout: the rows stay inside the form, the page does not scroll sideways.
    const form = (await page.locator('.trigger-form').boundingBox())!;
    for (const name of ['condition-1', 'action-0']) {
      const row = (await page.getByTestId(name).boundingBox())!;
      expect(row.width).toBeGreaterThan(200);
      expect(row.x + row.width).toBeLessThanOrEqual(form.x + form.width + 0.5);
    }
    expect(await page.evaluate(noSideScroll)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('trigger-custom-field.png'), fullPage: true });
    await page.getByRole('button', { name: '保存触发器' }).click();
    await page.locator('tr[data-trigger="TRC20 → 标记会员"]').waitFor();

    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/admin/triggers', headers: admin.read });
    const saved = list.json().items.find((x: { name: string }) => x.name === 'TRC20 → 标记会员');
    expect(saved.conditions).toEqual([
      { field: 'custom_field', entity: 'ticket', key: 'network', op: 'equals', value: 'trc20' },
      { field: 'custom_field', entity: 'customer', key: 'vip_tier', op: 'not_set' },
    ]);
    expect(saved.actions).toEqual([
      { type: 'set_field', entity: 'customer', key: 'vip_tier', value: '待核实' },
      { type: 'priority', value: 'urgent' },
    ]);

    // It fires on a ticket whose network is set to TRC20; the customer panel shows the tier.
    const customer = await desk.customer('fields-e2e-3');
    const opened = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'TRC20 提现', description: '还没到账' },
    });
    const ticket = opened.json() as { id: string; number: string };
    const patched = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: admin.write,
      payload: { customFields: { network: 'trc20' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    const mine = page.getByTestId('customer-fields');
    await expect
      .poll(
        async () => {
          await page.reload();
          await mine.waitFor();
          return mine.locator('dd[data-field=vip_tier]').textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('待核实');
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: admin.read,
    });
    expect(detail.json().priority).toBe('urgent');
    expect(detail.json().customFields).toEqual({ network: 'trc20' });
    // The dry run on that ticket names the fields by label; the tier is set now, so it would not fire.
    await page.goto(`${baseUrl}/agent/admin/triggers`);
    await page.locator('tr[data-trigger="TRC20 → 标记会员"]').getByRole('button', { name: '编辑' }).click();
    await page.fill('input[name=dryTicket]', ticket.number);
    await page.selectOption('select[name=dryEvent]', 'fields.changed');
    await page.getByRole('button', { name: '试运行', exact: true }).click();
    const dry = page.locator('.dry-result[data-fires=false]');
    await dry.waitFor();
    await expect(dry.locator('li[data-holds=true]').textContent()).resolves.toContain('提现网络');
    await expect(dry.locator('li[data-holds=false]').textContent()).resolves.toContain('会员等级');
    await context.close();
  });
});
