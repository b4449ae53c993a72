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

async function openTicket(uid: string, claims: Record<string, unknown>) {
  const customer = await env.desk.customer(uid, claims);
  const res = await env.desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: 'USDT TRC20 提现未到账', description: '提现两个小时了还在处理中' },
  });
  expect(res.statusCode).toBe(201);
  return { customer, ticket: res.json() as { id: string; number: string } };
}

describeInBrowser('macros in the browser', () => {
  it('an agent writes a personal macro, previews it on a ticket in the customer’s language, applies it (zh-CN)', async () => {
    const { desk, baseUrl } = env;
    const { customer, ticket } = await openTicket('macro-e2e-en', { name: 'Ada Lovelace', language: 'en' });
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${baseUrl}/agent/`);
    await page.getByRole('link', { name: '宏', exact: true }).click();
    await page.getByRole('heading', { name: '新建宏' }).waitFor();
    await page.fill('input[name=macroName]', '提现排查中');
    await page.fill(
      'textarea[name=replyZh]',
      '{{customer.name}} 您好，工单 {{ticket.number}} 的提现正在排查。',
    );
    await page.fill(
      'textarea[name=replyEn]',
      'Hello {{customer.name}}, we are checking the withdrawal on {{ticket.number}}. — {{agent.name}}',
    );
    await page.fill('textarea[name=note]', '已用宏：请钱包团队查 {{ticket.number}}');
    await page.selectOption('select[name=macroStatus]', 'pending');
    await page.selectOption('select[name=macroPriority]', 'high');
    await page.selectOption('select[name=macroAssignee]', 'me');
    await page.fill('input[name=addTags]', 'withdrawal-delay, trc20');
    await page.getByRole('button', { name: '创建宏' }).click();
    const row = page.locator('tr[data-macro="提现排查中"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('个人');
    // An agent cannot offer a shared macro.
    expect(await page.locator('select[name=macroScope] option[value=shared]').count()).toBe(0);
    const list = await page.locator('.macros-list').boundingBox();
    expect(list!.width).toBeGreaterThan(600);
    await page.screenshot({ path: screenshotPath('macros-page.png'), fullPage: true });

    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    await page.waitForSelector('.thread');
    await page.selectOption('.composer select[name=macro]', { label: '提现排查中' });
    const preview = page.locator('.macro-preview');
    await preview.locator('.macro-reply').waitFor();
    // The customer reads English: the English text, its variables filled in.
    await expect(preview.locator('.macro-reply').textContent()).resolves.toContain(
      `Hello Ada Lovelace, we are checking the withdrawal on ${ticket.number}. — 林晓 Lin Xiao`,
    );
    await expect(preview.locator('.macro-note').textContent()).resolves.toContain(
      `请钱包团队查 ${ticket.number}`,
    );
    const fields = await preview
      .locator('.macro-changes tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
    expect(fields).toEqual(['status', 'priority', 'assignee', 'tags']);
    await expect(preview.locator('tr[data-field=status]').textContent()).resolves.toMatch(
      /新建.*→.*待回复|新.*→/,
    );
    await expect(preview.locator('tr[data-field=assignee]').textContent()).resolves.toContain(
      '林晓 Lin Xiao',
    );
    // Layout: the preview sits inside the composer, full width, above the text box.
    const composer = (await page.locator('.composer').boundingBox())!;
    const box = (await preview.boundingBox())!;
    const textarea = (await page.locator('.composer textarea').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(composer.x);
    expect(box.x + box.width).toBeLessThanOrEqual(composer.x + composer.width + 0.5);
    expect(box.width).toBeGreaterThan(composer.width * 0.9);
    expect(box.y + box.height).toBeLessThanOrEqual(textarea.y);
    const select = (await page.locator('.composer select[name=macro]').boundingBox())!;
    const replyTab = (await page.locator('.composer .tabs [role=tab]').first().boundingBox())!;
    expect(Math.abs(select.y + select.height / 2 - (replyTab.y + replyTab.height / 2))).toBeLessThan(6);
    await page.screenshot({ path: screenshotPath('macro-preview.png'), fullPage: true });
    // Nothing written by the preview.
    const before = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: customer.headers,
    });
    expect(before.json().messages).toHaveLength(1);

    await preview.getByRole('button', { name: '应用宏' }).click();
    await page.locator('.macro-done', { hasText: '已应用「提现排查中」' }).waitFor();
    await page.locator('.message.from-agent', { hasText: 'we are checking the withdrawal' }).waitFor();
    await page.locator('.message.note', { hasText: '请钱包团队查' }).waitFor();
    await page.locator('.ticket-head .status-pending').waitFor();
    const seen = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: customer.headers,
    });
    const bodies = (seen.json().messages as Array<{ body: string }>).map((m) => m.body);
    expect(bodies.some((b) => b.includes('Hello Ada Lovelace'))).toBe(true);
    expect(bodies.some((b) => b.includes('钱包团队'))).toBe(false);

    // The use is counted on the macros page.
    await page.getByRole('link', { name: '宏', exact: true }).click();
    await expect(page.locator('tr[data-macro="提现排查中"] td.num').textContent()).resolves.toBe('1');
    await context.close();
  }, 120_000);

  it('a shared macro in English: Chinese reply for a Chinese customer, team change by name; an agent cannot edit it (en)', async () => {
    const { desk, baseUrl } = env;
    const supervisor = await desk.signIn('supervisor');
    const teams = await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: supervisor.read });
    const trading = (teams.json().items as Array<{ id: string; code: string }>).find(
      (t) => t.code === 'trading',
    )!;
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: supervisor.write,
      payload: {
        name: 'To trading desk',
        scope: 'shared',
        actions: [
          { type: 'reply', zh: '{{customer.name}}，已转交交易团队处理。', en: 'Passed to our trading team.' },
          { type: 'team', value: trading.id },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const { ticket } = await openTicket('macro-e2e-zh', { name: '王伟' });
    const context = await env.context();
    await env.signInContext(context, 'maya');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    await page.waitForSelector('.thread');
    await page.selectOption('.composer select[name=macro]', { label: 'To trading desk' });
    const preview = page.locator('.macro-preview');
    await preview.getByRole('heading', { name: 'What “To trading desk” will do' }).waitFor();
    await expect(preview.locator('.macro-reply h4').textContent()).resolves.toContain('中文');
    await expect(preview.locator('.macro-reply').textContent()).resolves.toContain(
      '王伟，已转交交易团队处理。',
    );
    await expect(preview.locator('tr[data-field=team]').textContent()).resolves.toContain('Trading');
    await page.screenshot({ path: screenshotPath('macro-preview-en.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await preview.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Macros', exact: true }).click();
    const row = page.locator('tr[data-macro="To trading desk"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Shared (whole desk)');
    expect(await row.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await context.close();
  }, 120_000);
});
