import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../../server/src/testing/automation-kit.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { ticketEvents } from '../../../server/src/tickets/schema.ts';
import { webhookSubscriptions } from '../../../server/src/webhooks/schema.ts';
import { type BrowserDesk, screenshotPath, signedInPage, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  env = await startBrowserDesk();
  receiver = await startWebhookReceiver(() => 204);
}, 60_000);
afterAll(async () => {
  receiver?.close();
  await env?.close();
});

/** Nothing wider than the window, and each table a real table (not squeezed into a column). */
async function checkLayout(page: Page, tables: string[]) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const selector of tables) {
    const box = await page.locator(selector).boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box!.width, selector).toBeGreaterThan(800);
    expect(box!.height, selector).toBeGreaterThan(40);
    // Every row a line or a few, not one word per line.
    for (const row of await page.locator(`${selector} tbody tr`).all()) {
      const r = await row.boundingBox();
      expect(r!.height, selector).toBeLessThan(130);
    }
  }
}

describeInBrowser('admin console: outgoing webhooks and time rules', () => {
  it('allows the loopback range, subscribes a receiver, logs a delivery with its code, sends it again, re-enables after failures', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const { context, page } = await signedInPage(env, 'admin', 'en', 30_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { name: 'Outgoing webhooks' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();

    // The receiver listens on 127.0.0.1, which the desk refuses until an admin allows the range.
    await page.getByText('No private range is allowed.').waitFor();
    await page.fill('input[name=cidr]', '127.0.0.0/8');
    await page.fill('input[name=rangeNote]', 'e2e receiver');
    await page.getByRole('button', { name: 'Allow this range' }).click();
    await page.locator('tr[data-range="127.0.0.0/8"]').getByText('e2e receiver').waitFor();
    const ranges = await desk.app.inject({
      url: '/api/v1/admin/webhooks/allowed-ranges',
      headers: admin.read,
    });
    expect(ranges.json().items).toMatchObject([{ cidr: '127.0.0.0/8', note: 'e2e receiver' }]);

    await page.getByRole('button', { name: 'New webhook' }).click();
    await page.fill('input[name=name]', 'ERP receiver');
    await page.fill('input[name=url]', receiver.url);
    expect(await page.locator('input[name=event][value="ticket.created"]').isChecked()).toBe(true);
    // The editor fills the panel: a long URL field, the events wrapped in rows, nothing off-screen.
    await checkLayout(page, []);
    const editor = await page.locator('.webhook-editor .trigger-form').boundingBox();
    expect(editor!.width).toBeGreaterThan(800);
    const url = await page.locator('input[name=url]').boundingBox();
    expect(url!.width).toBeGreaterThan(300);
    expect(url!.height).toBeLessThan(48);
    await page.screenshot({ path: screenshotPath('admin-webhooks-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save webhook' }).click();

    // The whole secret is shown this once; the list shows only its last four characters.
    const shown = (await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '';
    expect(shown).toMatch(/^whsec_/);
    receiver.useSecret(shown);
    const row = page.locator('tr[data-webhook="ERP receiver"]');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('on');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(`…${shown.slice(-4)}`);
    expect(rowText).not.toContain(shown);
    expect(rowText).toContain(receiver.url);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
    const [saved] = (await desk.app.inject({ url: '/api/v1/admin/webhooks', headers: admin.read })).json()
      .items as Array<{ id: string; url: string; events: string[]; active: boolean }>;
    expect(saved).toMatchObject({ url: receiver.url, events: ['ticket.created'], active: true });

    // An event: a customer raises a ticket; the receiver gets it, signed with the secret shown.
    const customer = await desk.customer('wh-ui-1');
    const ticket = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: '提现未到账', description: 'USDT 两小时未到账' },
    });
    expect(ticket.statusCode).toBe(201);
    await eventually(async () => receiver.received.length === 1, 30_000);
    expect(receiver.received[0]!.valid).toBe(true);
    expect(receiver.received[0]!.payload).toMatchObject({
      type: 'ticket.created',
      ticket: { id: ticket.json().id },
    });

    // The log shows it delivered, with the receiver's answer.
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByTestId('delivery-log');
    await log.getByRole('heading', { name: 'Delivery log: ERP receiver' }).waitFor();
    const delivery = log.locator('tbody tr[data-status="delivered"]');
    await delivery.waitFor();
    await expect(delivery.locator('.delivery-codes').textContent()).resolves.toBe('204');
    expect(await delivery.textContent()).toContain('ticket created');

    // Send again: the same body reaches the receiver a second time, freshly signed, and is logged.
    await delivery.getByRole('button', { name: 'Send again' }).click();
    await eventually(async () => receiver.received.length === 2, 30_000);
    expect(receiver.received[1]!.valid).toBe(true);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    await log.locator('tbody tr[data-status="delivered"] .delivery-codes', { hasText: '204, 204' }).waitFor();
    await expect(log.locator('tbody tr').count()).resolves.toBe(1);

    await checkLayout(page, ['.webhooks-table', '.webhook-log-table', '.webhook-ranges-table']);
    const form = await page.locator('.webhook-range-form').boundingBox();
    expect(form!.height).toBeLessThan(100);
    await page.screenshot({ path: screenshotPath('admin-webhooks.png'), fullPage: true });

    // Five deliveries given up in a row disable a subscription (deliveries.ts); that takes minutes
    // of back-off, so the row is put in that state directly, as countFailure leaves it.
    await desk.services.db
      .update(webhookSubscriptions)
      .set({
        failuresInRow: 5,
        disabledAt: new Date(),
        disabledReason: '5 deliveries failed in a row: HTTP 503',
      })
      .where(eq(webhookSubscriptions.id, saved!.id));
    await page.reload();
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('disabled');
    await row.getByText('Disabled after failures').waitFor();
    await row.getByText('5 deliveries failed in a row: HTTP 503').waitFor();
    await page.screenshot({ path: screenshotPath('admin-webhooks-disabled.png'), fullPage: true });
    await row.getByRole('button', { name: 'Re-enable' }).click();
    await page.locator('tr[data-webhook="ERP receiver"][data-state="on"]').waitFor();
    const [after] = (await desk.app.inject({ url: '/api/v1/admin/webhooks', headers: admin.read })).json()
      .items;
    expect(after).toMatchObject({ active: true, disabledAt: null, disabledReason: null, failuresInRow: 0 });

    // Rotating shows a new whole secret once.
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = (await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(shown);
    await row.getByText(`…${rotated.slice(-4)}`).waitFor();

    // Edited: a filter from the trigger editor's condition rows, and switched off.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(page.locator('input[name=url]').inputValue()).resolves.toBe(receiver.url);
    await page.getByRole('button', { name: '+ Add a condition' }).click();
    await page.fill('input[name=condValue0]', '未到账');
    await page.locator('input[name=active]').uncheck();
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await page.locator('tr[data-webhook="ERP receiver"][data-state="off"]').getByText('Off').waitFor();
    const [edited] = (await desk.app.inject({ url: '/api/v1/admin/webhooks', headers: admin.read })).json()
      .items;
    expect(edited).toMatchObject({
      active: false,
      match: 'all',
      filter: [{ field: 'text', op: 'contains', value: '未到账' }],
    });

    // The range is no longer needed: stopped, it is gone from the list and from the API.
    await page.locator('tr[data-range="127.0.0.0/8"]').getByRole('button', { name: 'Stop allowing' }).click();
    await page.getByText('No private range is allowed.').waitFor();
    const left = await desk.app.inject({ url: '/api/v1/admin/webhooks/allowed-ranges', headers: admin.read });
    expect(left.json().items).toEqual([]);
    await context.close();
  }, 120_000);

  it('creates a time rule with the trigger editor’s rows, lists it, switches it off, and previews the tickets due; in Chinese', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const { context, page } = await signedInPage(env, 'admin', 'zh-CN', 30_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: '定时规则', exact: true }).click();
    await page.getByRole('heading', { name: '定时自动化' }).waitFor();
    await page.getByRole('button', { name: '新建定时规则' }).click();

    await page.fill('input[name=name]', '等待客户三个工作日');
    await page.fill('input[name=position]', '5');
    await page.selectOption('select[name=whenStatus]', 'pending');
    await page.fill('input[name=whenAmount]', '3');
    await page.selectOption('select[name=whenUnit]', 'business_days');
    await page.getByRole('button', { name: '+ 添加条件' }).click();
    await page.selectOption('select[name=condValue0]', ['pending']);
    await page.fill('input[name=tags0]', 'stale-3d');
    // The trigger editor's action row, without the action a time rule cannot run.
    const offered = await page
      .locator('select[name=actionType0] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain('add_tags');
    expect(offered).not.toContain('webhook');
    await page.getByText('保存规则后即可查看当前到期的工单。').waitFor();
    const formBox = await page.locator('.time-rule-editor .trigger-form').boundingBox();
    expect(formBox!.width).toBeGreaterThan(450);
    await page.getByRole('button', { name: '保存定时规则' }).click();

    const row = page.locator('tr[data-time-rule="等待客户三个工作日"]');
    await row.waitFor();
    await expect(row.locator('.time-rule-when').textContent()).resolves.toBe('等待客户达 3 工作日');
    expect(await row.textContent()).toContain('添加标签');
    const listed = async () =>
      (await desk.app.inject({ url: '/api/v1/admin/time-rules', headers: admin.read }))
        .json()
        .items.find((r: { name: string }) => r.name === '等待客户三个工作日');
    expect(await listed()).toMatchObject({
      active: true,
      position: 5,
      when: { type: 'status_for', status: 'pending', amount: 3, unit: 'business_days' },
      match: 'all',
      conditions: [{ field: 'status', op: 'is', value: ['pending'] }],
      actions: [{ type: 'add_tags', tags: ['stale-3d'] }],
    });

    // Switched off from the list.
    await row.getByRole('checkbox').click();
    await row.getByText('已停用').waitFor();
    expect((await listed()).active).toBe(false);
    expect(await row.getByRole('checkbox').isChecked()).toBe(false);

    // Due now: a ticket pending since long ago is due; one pending since now is not.
    const customer = await desk.customer('tr-ui-1');
    const raise = async (title: string) => {
      const t = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: customer.headers,
        payload: { title, description: '等待客户回复' },
      });
      expect(t.statusCode).toBe(201);
      const { id, number } = t.json() as { id: string; number: string };
      const res = await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${id}`,
        headers: admin.write,
        payload: { status: 'pending' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return { id, number };
    };
    const old = await raise('等了很久的工单');
    const fresh = await raise('刚转为等待的工单');
    // Oldest of all, so it is among the first hundred the preview lists.
    await desk.services.db
      .update(ticketEvents)
      .set({ createdAt: new Date('2020-01-06T02:00:00Z') })
      .where(and(eq(ticketEvents.ticketId, old.id), eq(ticketEvents.kind, 'status')));
    await row.getByRole('button', { name: '当前到期' }).click();
    const due = page.getByTestId('due-preview');
    await due.locator(`li[data-due-ticket="${old.number}"]`).getByText('等了很久的工单').waitFor();
    await expect(due.locator(`li[data-due-ticket="${fresh.number}"]`).count()).resolves.toBe(0);
    const total = Number(await due.locator('[data-total]').getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(1);
    // As at a month from now (three business days have passed whatever the holidays): the fresh
    // ticket is due then too; emptied again, the preview is back to now.
    const later = new Date(Date.now() + 30 * 86_400_000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await due.locator('input[name=dueAt]').fill(local);
    await due.locator(`li[data-due-ticket="${fresh.number}"]`).getByText('刚转为等待的工单').waitFor();
    const asAt = await desk.app.inject({
      url: `/api/v1/admin/time-rules/${(await listed()).id}/due?at=${encodeURIComponent(later.toISOString())}`,
      headers: admin.read,
    });
    expect(asAt.json().items.map((i: { number: string }) => i.number)).toContain(fresh.number);
    await due.locator('input[name=dueAt]').fill('');
    await due.locator(`li[data-due-ticket="${old.number}"]`).waitFor();
    await expect(due.locator(`li[data-due-ticket="${fresh.number}"]`).count()).resolves.toBe(0);

    await checkLayout(page, ['.time-rules-table']);
    await page.screenshot({ path: screenshotPath('admin-time-rules.png'), fullPage: true });

    // Opened for editing: the saved values come back into the same rows, with the preview beside.
    await row.getByRole('button', { name: '编辑' }).click();
    await expect(page.locator('input[name=whenAmount]').inputValue()).resolves.toBe('3');
    await expect(page.locator('select[name=whenUnit]').inputValue()).resolves.toBe('business_days');
    await expect(page.locator('input[name=tags0]').inputValue()).resolves.toBe('stale-3d');
    await page.getByTestId('due-preview').locator(`li[data-due-ticket="${old.number}"]`).waitFor();
    const form = await page.locator('.time-rule-editor .trigger-form').boundingBox();
    const side = await page.getByTestId('due-preview').boundingBox();
    expect(side!.x).toBeGreaterThanOrEqual(form!.x + form!.width);
    expect(side!.width).toBeGreaterThan(250);
    await page.screenshot({ path: screenshotPath('admin-time-rule-editor.png'), fullPage: true });

    // The other kind of `when`: a service-level clock near its due time.
    await page.selectOption('select[name=whenType]', 'sla_due');
    await page.locator('input[name=whenMetric][value=first_response]').check();
    await page.fill('input[name=whenMinutes]', '60');
    await page.getByRole('button', { name: '保存定时规则' }).click();
    // The list re-reads after the save: wait for the row to show the new `when`.
    await row.locator('.time-rule-when', { hasText: '首次响应到期前 60 分钟' }).waitFor();
    expect((await listed()).when).toEqual({
      type: 'sla_due',
      metrics: ['first_response'],
      minutesBefore: 60,
    });
    await context.close();
  }, 120_000);
});
