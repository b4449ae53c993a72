import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, PHONE } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

async function speak(who: 'admin' | 'supervisor', language: 'en' | 'zh-CN') {
  const auth = await env.desk.signIn(who);
  await env.desk.app.inject({
    method: 'PATCH',
    url: '/api/v1/me/preferences',
    headers: auth.write,
    payload: { language },
  });
  return auth;
}

async function consolePage(who: 'admin' | 'supervisor'): Promise<Page> {
  const context = await env.context();
  await env.signInContext(context, who);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('dialog', (d) => void d.accept());
  return page;
}

interface ApiTeam {
  id: string;
  code: string;
  queueLimit: number | null;
  overflowTeamId: string | null;
}

describeInBrowser('admin console: desk screens in the browser', () => {
  it('sets a team’s queue limit, overflow team and members; a supervisor sees it read-only', async () => {
    const { desk, baseUrl } = env;
    const admin = await speak('admin', 'en');
    const teams = async () =>
      (await desk.app.inject({ url: '/api/v1/teams', headers: admin.read })).json().items as ApiTeam[];
    const byCode = Object.fromEntries((await teams()).map((t) => [t.code, t]));
    const page = await consolePage('admin');
    await page.goto(`${baseUrl}/agent/admin`);
    await page.getByRole('link', { name: 'Teams & routing' }).click();
    const card = page.locator('form.team-card[data-team="general"]');
    await card.locator('input[name=queueLimit]').fill('1');
    await card.locator('select[name=overflowTeam]').selectOption(byCode.funds!.id);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const general = (await teams()).find((t) => t.code === 'general')!;
    expect(general).toMatchObject({ queueLimit: 1, overflowTeamId: byCode.funds!.id });

    // Members: Lin joins General, shows as a chip, and leaves again.
    await card.locator('select[name=addMember]').selectOption({ label: '林晓 Lin Xiao' });
    const chip = card.locator('[data-member="lin@lumen-exchange.example"]');
    await chip.waitFor();
    const linTeams = async () =>
      (
        (await desk.app.inject({ url: '/api/v1/agents', headers: admin.read })).json().items as Array<{
          email: string;
          teamIds: string[];
        }>
      ).find((a) => a.email === 'lin@lumen-exchange.example')!.teamIds;
    expect(await linTeams()).toContain(general.id);

    // Layout: cards side by side at 1280 px, each wide enough for its three columns.
    const boxes = await page.locator('form.team-card').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    expect(boxes.length).toBe(5);
    expect(boxes[0]!.w).toBeGreaterThan(500);
    expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x + boxes[0]!.w - 1);
    expect(Math.abs(boxes[1]!.y - boxes[0]!.y)).toBeLessThan(2);
    await page.screenshot({ path: screenshotPath('admin-teams.png'), fullPage: true });

    await chip.getByRole('button', { name: 'Remove 林晓 Lin Xiao from the team' }).click();
    await chip.waitFor({ state: 'detached' });
    expect(await linTeams()).not.toContain(general.id);
    await page.context().close();

    // The supervisor (in Chinese) sees teams read-only and no sign-in limits.
    await speak('supervisor', 'zh-CN');
    const sup = await consolePage('supervisor');
    await sup.goto(`${baseUrl}/agent/`);
    await sup.getByRole('link', { name: '管理', exact: true }).click();
    await sup.getByText('只读：仅管理员可以修改。').waitFor();
    expect(await sup.locator('form.team-card[data-team="general"] input[name=queueLimit]').isDisabled()).toBe(
      true,
    );
    expect(await sup.locator('form.team-card[data-team="general"] input[name=queueLimit]').inputValue()).toBe(
      '1',
    );
    const tabs = await sup.locator('nav.help-tabs a').allTextContents();
    expect(tabs).toEqual(['团队与分配', '问题类型与表单', '禁言与封禁']);
    await sup.context().close();
  }, 150_000);

  it('builds a category form with a live preview, shows the server refusing a catastrophic pattern, and the customer page gets the form', async () => {
    const { desk, baseUrl } = env;
    await speak('admin', 'zh-CN');
    const page = await consolePage('admin');
    await page.goto(`${baseUrl}/agent/admin/categories`);
    await page.getByRole('button', { name: '新建问题类型' }).click();
    await page.fill('input[name=categoryCode]', 'withdrawal_missing');
    await page.fill('input[name=categoryNameZh]', '提现未到账');
    await page.fill('input[name=categoryNameEn]', 'Withdrawal not received');
    await page.locator('select[name=categoryTeam]').selectOption({ label: '充提组' });

    // Three fields: a network choice, a TXID and an order id with a pattern.
    await page.getByRole('button', { name: '添加网络选择' }).click();
    await page.getByRole('button', { name: '添加字段' }).click();
    const txid = page.locator('li.built-field').nth(1);
    await txid.locator('input[name=fieldKey]').fill('txid');
    await txid.locator('select[name=fieldType]').selectOption('txid');
    await txid.locator('input[name=fieldLabelZh]').fill('交易哈希');
    await txid.locator('input[name=fieldLabelEn]').fill('Transaction hash');
    await txid.locator('input[name=fieldRequired]').check();
    await page.getByRole('button', { name: '添加字段' }).click();
    const order = page.locator('li.built-field').nth(2);
    await order.locator('input[name=fieldKey]').fill('orderId');
    await order.locator('input[name=fieldLabelZh]').fill('提现单号');
    await order.locator('input[name=fieldLabelEn]').fill('Withdrawal id');
    await order.locator('input[name=fieldPattern]').fill('(a+)+');

    // The preview is the customer's: labels, the required mark, and the network-aware TXID check.
    const preview = page.locator('aside.form-preview');
    await preview.getByText('交易哈希 (必填)').waitFor();
    await preview.locator('select[name=network]').selectOption('TRC20');
    await preview.locator('input[name=txid]').fill('0x1234');
    await preview.locator('input[name=txid]').blur();
    await preview.getByRole('alert').filter({ hasText: '这不像 TRC20 的格式' }).waitFor();
    await preview.locator('select[name=previewLang]').selectOption('en');
    await preview.getByText('Transaction hash (required)').waitFor();
    await preview.getByRole('alert').filter({ hasText: 'This does not look like a TRC20 value' }).waitFor();
    // Values the host app passes in the link are filled and marked.
    await preview.locator('input[name=appQuery]').fill('?orderId=W1&network=ERC20');
    await preview.getByText('Withdrawal id · from the app').waitFor();

    // Layout: the preview sits beside the builder, a phone-width column.
    const builder = await page.locator('.editor-main').boundingBox();
    const aside = await preview.boundingBox();
    expect(aside!.x).toBeGreaterThan(builder!.x + builder!.width);
    expect(aside!.width).toBeGreaterThan(300);
    expect(aside!.width).toBeLessThan(420);
    expect(builder!.width).toBeGreaterThan(600);

    // The server refuses the catastrophic pattern, in the admin's language.
    await page.getByRole('button', { name: '保存' }).click();
    const refusal = page.getByTestId('save-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/字段“orderId”的格式规则可能出现灾难性回溯/);
    await page.screenshot({ path: screenshotPath('admin-category-refused.png'), fullPage: true });

    await order.locator('input[name=fieldPattern]').fill('W\\d{12}');
    await order.locator('input[name=fieldExample]').fill('W2026');
    await page.getByText('“orderId”：示例不符合格式规则').waitFor();
    await order.locator('input[name=fieldExample]').fill('W202611240016');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.locator('tr[data-category="withdrawal_missing"]').waitFor();
    await page.screenshot({ path: screenshotPath('admin-categories.png'), fullPage: true });
    await page.context().close();

    // Where it matters: the customer's new-ticket page shows the form, with the app's values marked.
    const token = await desk.identityToken('30000001', { language: 'zh-CN', region: 'CN' });
    const phone = await env.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const customer = await phone.newPage();
    customer.setDefaultTimeout(30_000);
    await customer.goto(
      `${baseUrl}/tickets/new?category=withdrawal_missing&network=TRC20&token=${encodeURIComponent(token)}`,
    );
    await customer.locator('#f-txid').waitFor();
    await customer.locator('#f-orderId').waitFor();
    expect(await customer.locator('#f-orderId').getAttribute('placeholder')).toBe('W202611240016');
    expect(await customer.locator('#f-network').inputValue()).toBe('TRC20');
    await phone.close();
  }, 150_000);

  it('clears a sign-in limit, and mutes a customer who is then refused, then lifts it', async () => {
    const { desk, baseUrl } = env;
    await speak('admin', 'en');
    for (let i = 0; i < 3; i++) {
      await desk.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'omar@lumen-exchange.example', password: `wrong-${i}` },
      });
    }
    const page = await consolePage('admin');
    await page.goto(`${baseUrl}/agent/admin/sign-in-limits`);
    const row = page.locator('tr[data-limit^="omar@lumen-exchange.example"]').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Omar Haddad/);
    const table = await page.locator('.limits-table').boundingBox();
    expect(table!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-sign-in-limits.png'), fullPage: true });
    const before = await page.locator('.limits-table tbody tr').count();
    await row.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('status').filter({ hasText: 'Cleared' }).waitFor();
    await eventually(async () => (await page.locator('.limits-table tbody tr').count()) === before - 1);

    // Mute (the admin now in Chinese): find the customer by UID, mute for an hour with a reason;
    // their next message is refused, in their language.
    const muted = await desk.customer('40000001', { name: '赵六', language: 'zh-CN' });
    await speak('admin', 'zh-CN');
    await page.goto(`${baseUrl}/agent/admin/restrictions`);
    await page.fill('input[name=customerQuery]', '40000001');
    await page.getByRole('button', { name: '查找' }).click();
    const found = page.locator('[data-found="40000001"]');
    await found.locator('input[name=reason]').fill('辱骂客服');
    await found.locator('select[name=minutes]').selectOption({ label: '1 天' });
    await found.getByRole('button', { name: '禁言', exact: true }).click();
    const listed = page.locator('.restrictions-table tr[data-customer="40000001"]');
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(/禁言至 .*辱骂客服/);
    const write = () =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: { ...muted.headers, 'accept-language': 'zh-CN' },
        payload: { title: '你好', description: '请问一下提现的问题' },
      });
    const refused = await write();
    expect(refused.json().error?.code, refused.body).toBe('customer_muted');
    expect(refused.json().error?.message).toMatch(/禁言/);
    const box = await page.locator('.restrictions-table').boundingBox();
    expect(box!.width).toBeGreaterThan(800);
    await page.screenshot({ path: screenshotPath('admin-restrictions.png'), fullPage: true });
    await listed.getByRole('button', { name: '解除' }).click();
    await listed.waitFor({ state: 'detached' });
    await page.getByText('目前没有被禁言或封禁的客户。').waitFor();
    expect((await write()).json().error?.code).not.toBe('customer_muted');
    await page.context().close();
  }, 150_000);
});
