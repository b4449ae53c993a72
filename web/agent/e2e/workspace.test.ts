import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import {
  type BrowserDesk,
  enrolTwoFactor,
  screenshotPath,
  startBrowserDesk,
  totpCode,
} from './browser-desk.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

async function openTicketAsCustomer(uid: string, title: string) {
  const customer = await env.desk.customer(uid, { name: '王小明', email: `${uid}@mail.example` });
  const res = await env.desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description: '我提现的 USDT 一直显示处理中，已经 3 小时了。' },
  });
  expect(res.statusCode).toBe(201);
  return { customer, ticket: res.json() as { id: string; number: string } };
}

describeInBrowser('an agent works a ticket in the browser', () => {
  it('signs in with TOTP, finds a ticket, replies with a canned reply, notes, changes status', async () => {
    const { desk, baseUrl } = env;
    const secret = await enrolTwoFactor(desk, 'lin');
    const admin = await desk.signIn('admin');
    const canned = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/canned-replies',
      headers: admin.write,
      payload: {
        shortcut: 'wdpending',
        title: '提现处理中',
        body: '{{customer.name}} 您好，工单 {{ticket.number}} 已收到，提现正在链上确认。—— {{agent.name}}',
      },
    });
    expect(canned.statusCode).toBe(201);
    const { customer, ticket } = await openTicketAsCustomer('u-e2e-1', 'USDT 提现卡在处理中');

    const context = await env.context();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/agent/`);
    await page.fill('input[name=email]', 'lin@lumen-exchange.example');
    await page.fill('input[name=password]', 'kefu-demo-agent');
    await page.click('button[type=submit]');
    // The enrolment used this time step's code; a code is good once, so sign in with the next one.
    await page.fill('input[name=totp]', totpCode(secret, Date.now() + 30_000));
    await page.click('button[type=submit]');
    await page.waitForSelector('.inbox');

    await page.click('.views button:nth-child(2)'); // unassigned: a new customer ticket lands there
    await page.fill('input[name=q]', ticket.number);
    await page.press('input[name=q]', 'Enter');
    const row = page.locator('.tickets tbody tr', { hasText: ticket.number });
    await row.waitFor();
    // Exact ids rank first; other tickets that merely mention it may follow.
    expect(await page.locator('.tickets tbody tr').first().textContent()).toContain(ticket.number);
    await page.fill('input[name=q]', '');
    await page.press('input[name=q]', 'Enter');
    await page.locator('.tickets tbody tr').nth(1).waitFor();
    await page.screenshot({ path: screenshotPath('inbox.png') });

    // Keyboard: j moves the cursor, ? shows the shortcuts, / goes to the search box.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    await page.locator('.tickets tbody tr:nth-child(2).cursor').waitFor();
    await page.keyboard.press('?');
    await page.locator('.overlay[role=dialog]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.overlay').waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');

    // A saved filter comes back with one click.
    await page.fill('input[aria-label="将当前筛选保存为…"]', '未分配的新单');
    await page.press('input[aria-label="将当前筛选保存为…"]', 'Enter');
    await page.locator('.saved-row button', { hasText: '未分配的新单' }).waitFor();

    await page.fill('input[name=q]', 'u-e2e-1');
    await page.press('input[name=q]', 'Enter');
    await page.locator('.tickets tbody tr', { hasText: ticket.number }).click();
    await page.waitForSelector('.thread');

    // A draft survives a reload.
    await page.fill('textarea[name=body]', '草稿：先别发');
    await page.reload();
    await page.waitForSelector('.thread');
    expect(await page.inputValue('textarea[name=body]')).toBe('草稿：先别发');
    await page.fill('textarea[name=body]', '');

    // Upload then link: the screenshot of the customer's problem goes with the reply.
    await page.setInputFiles('.composer input[type=file]', {
      name: 'withdrawal-status.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.locator('.composer .attachments.pending li', { hasText: 'withdrawal-status.png' }).waitFor();

    await page.fill('input[name=canned]', 'wdpend');
    await page.locator('.suggestions button', { hasText: 'wdpending' }).waitFor();
    await page.press('input[name=canned]', 'Enter');
    const reply = await page.inputValue('textarea[name=body]');
    expect(reply).toBe(`王小明 您好，工单 ${ticket.number} 已收到，提现正在链上确认。—— 林晓 Lin Xiao`);
    await page.click('.composer .actions button.primary');
    const sent = page.locator('.message.from-agent', { hasText: '提现正在链上确认' });
    await sent.waitFor();
    await sent.locator('.attachment img[alt="withdrawal-status.png"]').waitFor();
    // The preview really loads (same-origin image, allowed by the CSP).
    await sent
      .locator('.attachment img')
      .evaluate((img: HTMLImageElement) =>
        img.complete
          ? img.naturalWidth
          : new Promise((done) => img.addEventListener('load', () => done(img.naturalWidth))),
      )
      .then((width) => expect(width).toBe(1));

    await page.keyboard.press('n');
    await page.fill('textarea[name=body]', '内部：已转钱包团队核查 txid');
    await page.click('.composer .actions button.primary');
    await page.locator('.message.note', { hasText: '已转钱包团队核查' }).waitFor();

    await page.selectOption('.properties select[name=status]', 'pending');
    await page.locator('.ticket-head .status-pending').waitFor();
    await page.screenshot({ path: screenshotPath('ticket.png'), fullPage: true });

    const seen = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticket.id}`,
      headers: customer.headers,
    });
    const bodies = (seen.json().messages as Array<{ body: string }>).map((m) => m.body);
    expect(bodies.some((b) => b.includes('提现正在链上确认'))).toBe(true);
    expect(bodies.some((b) => b.includes('钱包团队'))).toBe(false);
    expect(seen.json().status).toBe('pending');
    await context.close();
  }, 90_000);
});

describeInBrowser('collision warning', () => {
  it('tells the agent what the safety screen hid or flagged, without the secret', async () => {
    const { desk, baseUrl } = env;
    const { customer, ticket } = await openTicketAsCustomer('u-e2e-3', '提现问题');
    const seed = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    for (const body of [`你们这些傻 逼，钱呢`, `我的助记词是 ${seed}`]) {
      const res = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/me/tickets/${ticket.id}/messages`,
        headers: customer.headers,
        payload: { body },
      });
      expect(res.statusCode).toBe(201);
    }
    const context = await env.context();
    await env.signInContext(context, 'maya');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    const panel = page.locator('[data-testid=safety-panel]');
    await panel.waitFor({ timeout: 15_000 });
    await expect(panel.textContent()).resolves.toMatch(/辱骂|Abusive/);
    await expect(panel.textContent()).resolves.toMatch(/mnemonic/);
    await expect(page.locator('body').textContent()).resolves.not.toContain('sausage');
    await context.close();
  });

  it('shows two agents on one ticket each other, typing, and asks before sending over a new reply', async () => {
    const { desk, baseUrl } = env;
    const { ticket } = await openTicketAsCustomer('u-e2e-2', '账户被冻结');
    // Two agents without two-factor, so they can be signed in through the API.
    const mayaContext = await env.context();
    const chenContext = await env.context({ width: 1024, height: 768 }); // a tablet
    await env.signInContext(mayaContext, 'maya');
    await env.signInContext(chenContext, 'chen');
    const maya = await mayaContext.newPage();
    const chen = await chenContext.newPage();
    await maya.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    await chen.goto(`${baseUrl}/agent/tickets/${ticket.number}`);

    await maya.locator('[data-testid=collision]', { hasText: '陈卓' }).waitFor({ timeout: 15_000 });
    await chen.locator('[data-testid=collision]', { hasText: 'Maya Tan' }).waitFor({ timeout: 15_000 });

    await maya.fill('textarea[name=body]', '我来处理这个工单');
    await chen.locator('[data-testid=collision]', { hasText: '正在输入' }).waitFor({ timeout: 15_000 });
    await chen.screenshot({ path: screenshotPath('ticket-tablet-collision.png') });

    // Chen answers first; Maya's send is then held back with a question.
    await chen.fill('textarea[name=body]', '已为您提交解冻申请');
    await chen.click('.composer .actions button.primary');
    await chen.locator('.message.from-agent', { hasText: '已为您提交解冻申请' }).waitFor();
    await maya.click('.composer .actions button.primary');
    const warning = maya.locator('.composer .warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('陈卓');
    await maya.locator('.composer .warning button', { hasText: 'Send anyway' }).click();
    await maya.locator('.message.from-agent', { hasText: '我来处理这个工单' }).waitFor();

    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.number}`,
      headers: (await desk.signIn('admin')).read,
    });
    const agentBodies = (detail.json().messages as Array<{ authorType: string; body: string }>)
      .filter((m) => m.authorType === 'agent')
      .map((m) => m.body);
    expect(agentBodies).toEqual(['已为您提交解冻申请', '我来处理这个工单']);
    await mayaContext.close();
    await chenContext.close();
  }, 90_000);
});
