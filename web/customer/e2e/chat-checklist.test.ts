import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatAgents } from '../../../server/src/chat/schema.ts';
import { describeInBrowser, PHONE, SHOTS } from '../../../server/src/testing/browser.ts';
import { createCategory, ORDER_AND_PROOF } from '../../../server/src/testing/category-payload.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import { PNG_1X1 } from '../../../server/src/testing/multipart.ts';
import { tickets } from '../../../server/src/tickets/schema.ts';
import { type BrowserDesk, startBrowserDesk } from '../../agent/e2e/browser-desk.ts';

const TXID = 'a3f1c9e07b5d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';

let env: BrowserDesk;
beforeAll(async () => {
  // The agent socket checks its Origin against PUBLIC_URL: the desk runs on its own public address.
  env = await startBrowserDesk({ sameOrigin: true });
  await mkdir(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describeInBrowser('the checklist travels with a chat', () => {
  it('contact page → chat with the app facts, handoff, a bad TXID refused then fixed, the agent sees the block', async () => {
    const { desk, baseUrl, browser } = env;
    // Lin (deposits team) is online in the agent workspace.
    const lin = await desk.signIn('lin');
    const agentContext = await env.context();
    await env.signInContext(agentContext, 'lin');
    const agentPage = await agentContext.newPage();
    agentPage.setDefaultTimeout(15_000);
    await agentPage.goto(`${baseUrl}/agent/chats`);
    await agentPage.selectOption('select[name=presence]', 'online');
    await eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(chatAgents)
        .where(eq(chatAgents.agentId, lin.agentId));
      return row?.status === 'online';
    });

    // The host app opens the contact page with the problem type and the facts it knows.
    const token = await desk.identityToken('30000001', { name: '周敏', language: 'zh-CN', region: 'CN' });
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(
      `${baseUrl}/contact?category=deposit_withdrawal&urgent=1&account=1&coin=USDT&network=TRC20&amount=200&token=${encodeURIComponent(token)}`,
    );
    await page.getByRole('article', { name: '在线客服' }).getByRole('link', { name: '打开' }).click();
    await page.waitForURL(/\/chat\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('category')).toBe('deposit_withdrawal');
    expect(url.searchParams.get('txid')).toBeNull();
    expect(url.searchParams.get('coin')).toBe('USDT');
    await page.locator('.chat-bot').first().waitFor();
    // Before the handoff the bot answers without any form in the way.
    expect(await page.locator('form.chat-checklist').count()).toBe(0);

    await page.getByRole('button', { name: '转人工客服' }).first().click();
    const form = page.locator('form.chat-checklist');
    await form.waitFor();
    // The app's facts (and the UID of the signed identity) are filled in and marked.
    expect(await page.locator('#f-coin').inputValue()).toBe('USDT');
    expect(await page.locator('#f-network').inputValue()).toBe('TRC20');
    await expect.poll(() => page.locator('#f-uid').inputValue()).toBe('30000001');
    expect(await form.locator('label[for=f-coin]').textContent()).toContain('来自 App');
    expect(await form.locator('label[for=f-uid]').textContent()).toContain('来自 App');
    // Short on a phone: the free-text facts are folded away.
    expect(await page.locator('#f-steps').isVisible()).toBe(false);

    // The agent already sees the app's facts as a block in the chat.
    const block = agentPage.getByTestId('chat-checklist');
    await block.waitFor();
    expect(await block.textContent()).toContain('USDT');
    expect(await block.textContent()).toContain('来自 App');

    // A TXID of the wrong shape for TRC20 is refused with a clear message, nothing sent.
    await page.locator('#f-txid').fill(`0x${TXID}`);
    await page.locator('#f-txid').blur();
    await page.getByText('TRC20 网络的交易哈希应由 64 位十六进制字符（0–9、a–f）组成，不带 0x').waitFor();
    await form.getByRole('button', { name: '发送给客服' }).click();
    await form.getByRole('alert').filter({ hasText: '请先改正标出的' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'chat-checklist-refused.png'), fullPage: true });
    const [before] = await desk.services.db
      .select()
      .from(tickets)
      .where(eq(tickets.channel, 'chat'))
      .orderBy(desc(tickets.createdAt))
      .limit(1);
    expect(before!.fields).toMatchObject({ coin: 'USDT', uid: '30000001' });
    expect(before!.fields).not.toHaveProperty('txid');

    await page.locator('#f-txid').fill(TXID);
    // Fixed: the alert goes at once, before the next send (it counts what is still wrong).
    await expect.poll(() => form.getByRole('alert').count()).toBe(0);
    await form.getByRole('button', { name: '发送给客服' }).click();
    const sent = page.getByTestId('checklist-sent');
    await sent.waitFor();
    expect(await sent.textContent()).toContain(TXID);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'chat-checklist-sent.png'), fullPage: true });

    // Stored like a ticket's checklist, and the agent's block now holds the customer's answers.
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, before!.id));
    expect(row!.fields).toMatchObject({
      coin: 'USDT',
      network: 'TRC20',
      txid: TXID,
      amount: '200',
      uid: '30000001',
    });
    await agentPage.getByTestId('chat-checklist').filter({ hasText: TXID }).waitFor();
    expect(await agentPage.getByTestId('chat-checklist').textContent()).toContain('客户已确认');
    await agentPage.screenshot({ path: join(SHOTS, 'agent-chat-checklist.png') });
    // The chat's ticket view shows the same answers.
    await agentPage.goto(`${baseUrl}/agent/tickets/${row!.number}`);
    await agentPage.locator('.panel.answers').filter({ hasText: TXID }).waitFor();
    await context.close();
    await agentContext.close();
  }, 180_000);

  it("an attachments field of the category's form is asked in the chat: uploaded, sent into the conversation, on the agent's ticket", async () => {
    const { desk, baseUrl, browser } = env;
    const admin = await desk.signIn('admin');
    await createCategory(desk, admin, 'chat_files', 62, ORDER_AND_PROOF);

    const token = await desk.identityToken('30000002', { name: '吴芳', language: 'zh-CN', region: 'CN' });
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${baseUrl}/chat?category=chat_files&token=${encodeURIComponent(token)}`);
    await page.locator('.chat-bot').first().waitFor();
    await page.getByRole('button', { name: '转人工客服' }).first().click();
    const form = page.locator('form.chat-checklist');
    await form.waitFor();
    // A required files field is asked with the others, never folded away.
    const files = form.locator('fieldset[data-files-field=proof]');
    expect(await files.isVisible()).toBe(true);
    await page.locator('#f-orderId').fill('P-20261203');
    await form.getByRole('button', { name: '发送给客服' }).click();
    await form.getByRole('alert').filter({ hasText: '请先改正标出的' }).waitFor();

    await files
      .getByLabel('转账截图 (必填): 选择文件')
      .setInputFiles({ name: 'transfer.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.getByText('transfer.png（已上传）').waitFor();
    // On a 320 px phone the upload control fits: no sideways scrolling, the box inside the form.
    const box = (await files.boundingBox())!;
    const formBox = (await form.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(formBox.x + formBox.width + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'chat-checklist-files.png'), fullPage: true });
    await form.getByRole('button', { name: '发送给客服' }).click();

    const sent = page.getByTestId('checklist-sent');
    await sent.waitFor();
    expect(await sent.textContent()).toContain('转账截图 1 个文件');
    // The file is in the conversation, as the customer's own message with its thumbnail.
    await page.locator('li[data-seq] img.chat-thumb').first().waitFor();
    const [row] = await desk.services.db
      .select()
      .from(tickets)
      .where(eq(tickets.channel, 'chat'))
      .orderBy(desc(tickets.createdAt))
      .limit(1);
    expect(row!.fields).toMatchObject({ orderId: 'P-20261203', proof: [expect.any(String)] });

    // The agent's ticket view lists the file under the form's answers.
    const agentContext = await env.context();
    await env.signInContext(agentContext, 'admin');
    const agentPage = await agentContext.newPage();
    agentPage.setDefaultTimeout(15_000);
    await agentPage.goto(`${baseUrl}/agent/tickets/${row!.number}`);
    await agentPage.locator('[data-answer-files=proof]').filter({ hasText: 'transfer.png' }).waitFor();
    await context.close();
    await agentContext.close();
  }, 180_000);
});
