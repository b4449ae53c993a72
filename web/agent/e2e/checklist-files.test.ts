import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, PHONE } from '../../../server/src/testing/browser.ts';
import { PNG_1X1 } from '../../../server/src/testing/multipart.ts';
import { type BrowserDesk, screenshotPath, signedInPage, startBrowserDesk } from './browser-desk.ts';

/**
 * A checklist's attachments field end to end: the admin adds it in the form builder and sees it in
 * the preview, the customer uploads a screenshot for it on the new-ticket page, and the agent sees
 * the file with the checklist and downloads it.
 */
let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

describeInBrowser('checklist forms: an attachments field', () => {
  it('is built with a preview, answered with an upload, and shown to the agent', async () => {
    const { desk, baseUrl } = env;
    const { auth: admin, context, page } = await signedInPage(env, 'admin', 'zh-CN', 30_000);
    await page.goto(`${baseUrl}/agent/admin/categories`);
    await page.getByRole('button', { name: '新建问题类型' }).click();
    await page.fill('input[name=categoryCode]', 'proof_upload');
    await page.fill('input[name=categoryNameZh]', '充值凭证');
    await page.fill('input[name=categoryNameEn]', 'Deposit proof');
    await page.getByRole('button', { name: '添加字段' }).click();
    const proof = page.locator('li.built-field').nth(0);
    await proof.locator('input[name=fieldKey]').fill('proof');
    await proof.locator('select[name=fieldType]').selectOption('attachments');
    await proof.locator('input[name=fieldLabelZh]').fill('转账截图');
    await proof.locator('input[name=fieldLabelEn]').fill('Transfer screenshot');
    await proof.locator('input[name=fieldRequired]').check();
    await proof.locator('input[name=fieldMaxFiles]').fill('2');

    // The preview shows the customer's file picker with its limit, and checks the count.
    const preview = page.locator('aside.form-preview');
    await preview.getByText('转账截图 (必填)').waitFor();
    await preview.getByText('最多 2 个文件：图片、PDF 或文本').waitFor();
    const picker = preview.locator('input[type=file][name=proof]');
    expect(await picker.getAttribute('multiple')).not.toBeNull();
    const png = { mimeType: 'image/png', buffer: PNG_1X1 };
    await picker.setInputFiles([
      { name: 'a.png', ...png },
      { name: 'b.png', ...png },
      { name: 'c.png', ...png },
    ]);
    await preview.getByRole('alert').filter({ hasText: '最多 2 个文件' }).waitFor();
    const asideBox = await preview.boundingBox();
    const pickerBox = await picker.boundingBox();
    expect(pickerBox!.width).toBeGreaterThan(100);
    expect(pickerBox!.x).toBeGreaterThanOrEqual(asideBox!.x);
    expect(pickerBox!.x + pickerBox!.width).toBeLessThanOrEqual(asideBox!.x + asideBox!.width + 1);

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.locator('tr[data-category="proof_upload"]').waitFor();
    const saved = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
    const category = saved.json().items.find((c: { code: string }) => c.code === 'proof_upload');
    expect(category.form.fields).toEqual([
      expect.objectContaining({ key: 'proof', type: 'attachments', required: true, maxFiles: 2 }),
    ]);

    // The customer, on a phone: the field is an upload control; the screenshot goes with the ticket.
    const token = await desk.identityToken('30000077', { language: 'zh-CN', region: 'CN' });
    const phone = await env.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const customer = await phone.newPage();
    customer.setDefaultTimeout(30_000);
    await customer.goto(`${baseUrl}/tickets/new?category=proof_upload&token=${encodeURIComponent(token)}`);
    const field = customer.locator('fieldset[data-files-field=proof]');
    await field.getByText('转账截图 (必填)').waitFor();
    await customer.fill('#t-title', '充值没到账');
    await customer.fill('#t-desc', '转账截图在下面');
    // Without the file the page refuses, next to the field.
    await customer.getByRole('button', { name: '检查并提交' }).click();
    await field.getByRole('alert').filter({ hasText: '必填' }).waitFor();
    await field.locator('input[type=file][name=proof]').setInputFiles({ name: '转账.png', ...png });
    await field.getByText('转账.png（已上传）').waitFor();
    const fieldBox = await field.boundingBox();
    expect(fieldBox!.width).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(fieldBox!.height).toBeGreaterThan(40);
    await customer.getByRole('button', { name: '检查并提交' }).click();
    await customer.getByRole('button', { name: '提交工单' }).click();
    await customer.waitForURL(/\/tickets\/[0-9a-f-]{36}\?created=1/);
    const ticketId = /\/tickets\/([0-9a-f-]{36})/.exec(customer.url())![1]!;
    await customer.screenshot({ path: screenshotPath('customer-checklist-file.png'), fullPage: true });
    await phone.close();

    // The agent sees the file with the checklist answers, as a preview and a download.
    const ticket = (
      await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}`, headers: admin.read })
    ).json();
    expect(ticket.fields.proof).toHaveLength(1);
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    const answer = page.locator('[data-answer-files=proof]');
    // The image preview links the file too; the named link is the download.
    const link = answer.locator('a[download]', { hasText: '转账.png' });
    await link.waitFor();
    const image = answer.locator('img');
    await image.waitFor();
    const imageBox = await image.boundingBox();
    expect(imageBox!.width).toBeGreaterThan(0);
    expect(imageBox!.height).toBeGreaterThan(0);
    const href = await link.getAttribute('href');
    const download = await page.request.get(`${baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PNG_1X1)).toBe(true);
    await page.screenshot({ path: screenshotPath('agent-checklist-file.png'), fullPage: true });
    await context.close();
  }, 150_000);
});
