import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { identityUrl } from '../../../docs/examples/sign-identity-token.mjs';
import { agentTeams, teams } from '../../../server/src/desk/schema.ts';
import { agents } from '../../../server/src/identity/schema.ts';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';

const TXID = 'a3f1c9e07b5d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';

let desk: TestDesk;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // The build comes from the global setup (web/build-for-tests.ts).
  desk = await createTestDesk();
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function phonePage(options: { locale?: string; timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    ...PHONE,
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  return page;
}

/** A real PNG (a small two-colour picture), made here so the test needs no fixture file. */
function screenshotPng(width = 48, height = 32): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      rows.set(y < height / 2 ? [11, 107, 203] : [246, 247, 249], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function setFundsTeam(status: 'online' | 'offline') {
  const { db } = desk.services;
  const [funds] = await db.select({ id: teams.id }).from(teams).where(eq(teams.code, 'funds'));
  const members = await db
    .select({ id: agentTeams.agentId })
    .from(agentTeams)
    .where(eq(agentTeams.teamId, funds!.id));
  await db
    .update(agents)
    .set({ status })
    .where(
      inArray(
        agents.id,
        members.map((m) => m.id),
      ),
    );
}

const recommended = (page: Page) => page.locator('article.channel.recommended');

describeInBrowser('customer contact pages in a phone browser', () => {
  it('tells a customer in mainland China there is no hotline and offers the online channels', async () => {
    const token = await desk.identityToken('20000001', { name: '张伟', language: 'zh-CN', region: 'CN' });
    const page = await phonePage();
    await page.goto(`${base}/contact?token=${encodeURIComponent(token)}`);
    await page.getByTestId('no-hotline').waitFor();
    expect(await page.getByTestId('no-hotline').textContent()).toContain('没有客服热线');
    expect(await page.locator('#region').inputValue()).toBe('CN');
    for (const name of ['在线客服', '提交工单', '发送邮件', '官方社交账号'])
      await page.getByRole('article', { name }).waitFor();
    const mail = await page.getByRole('article', { name: '发送邮件' }).getByRole('link').getAttribute('href');
    expect(mail).toMatch(/^mailto:support@lumen-exchange\.example\?subject=/);
    const telegram = await page.getByRole('link', { name: /Telegram 官方客服/ }).getAttribute('href');
    expect(telegram?.toLowerCase()).toBe('https://t.me/lumensupport');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'contact-cn-no-hotline.png'), fullPage: true });

    // Changing the region shows that region's lines, open or not, with tap-to-call.
    await page.locator('#region').selectOption('SG');
    await page.getByRole('link', { name: /拨打 \+65/ }).waitFor();
    expect(await page.getByTestId('no-hotline').count()).toBe(0);
    await page.context().close();
  });

  it('recommends live chat for an urgent deposit while the team is on shift, a ticket once it is not', async () => {
    const token = await desk.identityToken('20000002', { language: 'zh-CN', region: 'CN' });
    await setFundsTeam('online');
    const page = await phonePage();
    await page.goto(
      `${base}/contact?category=deposit_withdrawal&urgent=1&account=1&token=${encodeURIComponent(token)}`,
    );
    await recommended(page).waitFor();
    await expect.poll(() => recommended(page).getAttribute('data-channel'), { timeout: 10_000 }).toBe('chat');
    expect(await recommended(page).textContent()).toContain('现在有客服在线');
    expect(await page.getByText('来自 App').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'contact-recommend-chat.png'), fullPage: true });

    await setFundsTeam('offline');
    await page.reload();
    await expect
      .poll(() => recommended(page).getAttribute('data-channel'), { timeout: 10_000 })
      .toBe('ticket');
    expect(await recommended(page).textContent()).toContain('没有客服在班');
    expect(await page.getByRole('article', { name: '在线客服' }).textContent()).toContain('目前没有客服在班');
    await page.screenshot({ path: join(SHOTS, 'contact-recommend-offshift.png'), fullPage: true });
    await page.context().close();
  });

  it('refuses a bad TXID, takes the fixed deposit ticket with a screenshot, and shows the reply', async () => {
    const uid = '20000003';
    if (desk.config.customerJwt.kind !== 'hs256') throw new Error('the test desk signs with HS256');
    const page = await phonePage();
    // Opened the way docs/embedding.md tells a host app's backend to, with its example script.
    await page.goto(
      await identityUrl({
        base,
        secret: desk.config.customerJwt.secret,
        uid,
        claims: { name: '王芳', language: 'zh-CN', region: 'CN' },
        page: '/tickets/new',
        params: { category: 'deposit_withdrawal', coin: 'USDT', network: 'TRC20' },
      }),
    );
    await page.getByLabel('标题').waitFor();
    // The UID comes from the host identity and the coin from the URL: both marked as from the app.
    await expect.poll(() => page.locator('#f-uid').inputValue(), { timeout: 10_000 }).toBe(uid);
    expect(await page.locator('label[for="f-coin"]').textContent()).toContain('来自 App');
    await page.getByLabel('标题').fill('USDT 充值三小时未到账');
    await page
      .getByLabel('问题描述')
      .fill('我从别的平台提了 200 USDT 到这里，区块浏览器显示已成功，账户里还没有。');
    await page.locator('#f-amount').fill('200');
    await page.locator('#f-txid').fill(`0x${TXID}`);
    const txidError = page.locator('#f-txid-err');
    await txidError.waitFor();
    // The words the server would use too (shared/field-words.ts), naming the network chosen.
    expect(await txidError.textContent()).toBe(
      'TRC20 网络的交易哈希应由 64 位十六进制字符（0–9、a–f）组成，不带 0x',
    );
    await page.getByRole('button', { name: '检查并提交' }).click();
    await page.getByRole('alert').filter({ hasText: '请先改正标出的 1 处问题' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'ticket-bad-txid.png'), fullPage: true });

    await page.locator('#f-txid').fill(TXID);
    await txidError.waitFor({ state: 'detached' });
    await page
      .getByLabel('选择文件')
      .setInputFiles({ name: 'deposit.png', mimeType: 'image/png', buffer: screenshotPng() });
    await page.getByText('deposit.png（已上传）').waitFor();
    await page.getByRole('button', { name: '检查并提交' }).click();
    await page.getByRole('heading', { name: '确认要发送的内容' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0); // no secret in this one
    expect(await page.locator('dl').textContent()).toContain(TXID);
    await page.getByRole('button', { name: '提交工单' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}/);
    const ticketId = /\/tickets\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.getByRole('heading', { name: 'USDT 充值三小时未到账' }).waitFor();

    const customer = await desk.customer(uid);
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticketId}`,
      headers: customer.headers,
    });
    expect(detail.json().fields).toMatchObject({
      txid: TXID,
      network: 'TRC20',
      coin: 'USDT',
      uid,
      amount: '200',
    });
    expect(detail.json().messages[0].attachments[0]).toMatchObject({
      fileName: 'deposit.png',
      contentType: 'image/png',
    });

    const lin = await desk.signIn('lin');
    const answer = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/messages`,
      headers: lin.write,
      payload: { body: '已查到这笔充值，正在为你补入账户，预计 30 分钟内到账。' },
    });
    expect(answer.statusCode).toBe(201);

    await page.goto(`${base}/tickets`);
    await page.getByRole('link', { name: 'USDT 充值三小时未到账' }).click();
    await page.getByText('已查到这笔充值').waitFor();
    expect(await page.locator('li[data-author="agent"]').first().textContent()).toContain('客服');
    await page.screenshot({ path: join(SHOTS, 'ticket-thread.png'), fullPage: true });

    await expect
      .poll(
        async () => {
          await page.goto(`${base}/inbox`);
          await page.getByRole('heading', { name: /站内信/ }).waitFor();
          return page.locator('main').textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('已查到这笔充值');
    expect(await page.getByTestId('unread').textContent()).toMatch(/[1-9]\d* 条未读/);
    await page.screenshot({ path: join(SHOTS, 'customer-inbox.png'), fullPage: true });
    await page.context().close();
  });

  it('shows what the server refused next to its field when the form changed after the page loaded', async () => {
    const admin = await desk.signIn('admin');
    const field = (extra: Record<string, unknown>) => ({
      key: 'withdrawalId',
      type: 'text',
      labelZh: '提现单号',
      labelEn: 'Withdrawal ID',
      required: true,
      ...extra,
    });
    const made = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/categories',
      headers: admin.write,
      payload: {
        code: 'withdrawal_check',
        nameZh: '提现核对',
        nameEn: 'Withdrawal check',
        teamId: null,
        defaultPriority: 'normal',
        customerMayPrioritise: false,
        form: { fields: [field({})] },
        position: 60,
        active: true,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const token = await desk.identityToken('20000005', { language: 'zh-CN', region: 'CN' });
    const page = await phonePage();
    await page.goto(`${base}/tickets/new?category=withdrawal_check&token=${encodeURIComponent(token)}`);
    await page.getByLabel('标题').fill('提现一直在审核中');
    await page.getByLabel('问题描述').fill('提现已经两天了还在审核。');
    await page.locator('#f-withdrawalId').fill('12345');
    // Meanwhile an admin gives the withdrawal id its format: the page still has the old form.
    const patched = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${made.json().id}`,
      headers: admin.write,
      payload: { form: { fields: [field({ pattern: 'W\\d{12}', example: 'W202611240016' })] } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await page.getByRole('button', { name: '检查并提交' }).click();
    await page.getByRole('button', { name: '提交工单' }).click();
    // Refused: back on the form, the server's words next to the field and above the button.
    const error = page.locator('#f-withdrawalId-err');
    await error.waitFor();
    expect(await error.textContent()).toBe('格式不对，例如 W202611240016');
    expect(await page.locator('#f-withdrawalId').getAttribute('aria-invalid')).toBe('true');
    await page
      .getByRole('alert')
      .filter({ hasText: '请检查以下信息：提现单号：格式不对，例如 W202611240016' })
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'ticket-server-refusal.png'), fullPage: true });
    // Changing the answer clears the server's word; the fixed id goes through.
    await page.locator('#f-withdrawalId').fill('W202611240016');
    await error.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '检查并提交' }).click();
    await page.getByRole('button', { name: '提交工单' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}/);
    await page.context().close();
  });

  it('warns about a seed phrase in the summary and sends it masked', async () => {
    const uid = '20000004';
    const token = await desk.identityToken(uid, { language: 'zh-CN', region: 'CN' });
    const phrase = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const page = await phonePage();
    await page.goto(`${base}/tickets/new?category=general&token=${encodeURIComponent(token)}`);
    await page.getByLabel('标题').waitFor();
    // The session is in place once the host identity's UID is filled in (as in the deposit case): under
    // load the check must not race the token's exchange (CI failed here once, on PostgreSQL).
    await expect.poll(() => page.locator('#f-uid').inputValue(), { timeout: 10_000 }).toBe(uid);
    await page.getByLabel('标题').fill('钱包恢复不了');
    await page.getByLabel('问题描述').fill(`我的助记词是 ${phrase}，请帮我恢复钱包。`);
    await page.getByRole('button', { name: '检查并提交' }).click();
    const warning = page.getByRole('alert').filter({ hasText: '助记词' });
    await warning.waitFor().catch(async (e: unknown) => {
      // Say what the page showed instead (an error alert, the form still there).
      await page.screenshot({ path: join(SHOTS, 'ticket-secret-warning-missing.png'), fullPage: true });
      const alerts = await page.getByRole('alert').allTextContents();
      throw new Error(`no seed-phrase warning; alerts on the page: ${JSON.stringify(alerts)}`, { cause: e });
    });
    expect(await page.locator('dl').textContent()).not.toContain('abandon ability');
    await page.screenshot({ path: join(SHOTS, 'ticket-secret-warning.png'), fullPage: true });
    await page.getByRole('button', { name: '提交工单' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}/);
    const ticketId = /\/tickets\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const customer = await desk.customer(uid);
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${ticketId}`,
      headers: customer.headers,
    });
    expect(detail.json().description).not.toContain('abandon ability');
    expect(detail.json().description).toContain('请帮我恢复钱包');
    await page.context().close();
  });

  it('flags a look-alike domain on the public verify page, in both languages', async () => {
    const page = await phonePage();
    await page.goto(`${base}/verify`);
    await page.getByLabel('邮箱、网址、电话、@账号或验证码').fill('lurnen-exchange.example');
    await page.getByRole('button', { name: '验证' }).click();
    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('lookalike');
    expect(await verdict.textContent()).toContain('lumen-exchange.example');
    await page.screenshot({ path: join(SHOTS, 'verify-lookalike.png'), fullPage: true });
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByLabel('Email, link, phone, @handle or code').fill('lumen-exchange.example');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('official');
    // Under our domain but not listed: not one of ours, said plainly.
    await page.getByLabel('Email, link, phone, @handle or code').fill('status.lumen-exchange.example');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('unknown');
    expect(await verdict.getByRole('heading').textContent()).toBe('Not one of ours');
    // Full-width letters fold to ours in a browser, and are still never "official".
    await page.getByLabel('Email, link, phone, @handle or code').fill('ｌｕｍｅｎ-exchange.example');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('lookalike');
    expect(await verdict.textContent()).toContain('full-width');
    const card = (await verdict.boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      await page.evaluate(() => window.innerWidth),
    );
    await page.screenshot({ path: join(SHOTS, 'verify-fullwidth-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByLabel('邮箱、网址、电话、@账号或验证码').fill('mail.lumen-exchange.example');
    await page.getByRole('button', { name: '验证' }).click();
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('unknown');
    expect(await verdict.getByRole('heading').textContent()).toBe('不是我们的官方渠道');
    await page.screenshot({ path: join(SHOTS, 'verify-not-ours-zh.png'), fullPage: true });
    await page.context().close();
  });
});
