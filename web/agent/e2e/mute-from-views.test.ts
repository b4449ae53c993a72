import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../../server/src/audit/schema.ts';
import { categories } from '../../../server/src/desk/schema.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

describeInBrowser('mute and block from the ticket view', () => {
  it('an agent mutes the customer from their ticket; the customer is told in English and New York time; lifted, they write again', async () => {
    const { desk, baseUrl } = env;
    const db = desk.services.db;
    const [general] = await db.select().from(categories).where(eq(categories.code, 'general'));
    const customer = await desk.customer('20000042', { name: 'Ann Lee', language: 'en' });
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: {
        title: 'Rude words',
        description: 'You are all useless',
        categoryId: general!.id,
        fields: {},
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json() as { id: string; number: string };

    const context = await env.context();
    await env.signInContext(context, 'chen');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${baseUrl}/agent/tickets/${ticket.number}`);
    await page.getByRole('button', { name: '禁言或封禁…' }).click();
    const form = page.locator('.panel.customer .restrict-form');
    await form.locator('input[name=reason]').fill('辱骂客服');
    await form.locator('select[name=minutes]').selectOption('1440');
    await form.getByRole('button', { name: '禁言', exact: true }).click();
    const state = page.locator('.panel.customer').getByTestId('restriction-state');
    await state.getByText('禁言至').waitFor();
    const panel = await page.locator('.panel.customer').boundingBox();
    expect(panel!.width).toBeGreaterThan(200);
    await page.screenshot({ path: screenshotPath('ticket-mute.png'), fullPage: true });
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'customer.muted'));
    expect(entries.length).toBeGreaterThanOrEqual(1);

    // The customer, in New York, replies on their ticket page: told in English, in their clock.
    const token = await desk.identityToken('20000042', { name: 'Ann Lee', language: 'en' });
    const phone = await env.browser.newContext({
      viewport: { width: 390, height: 800 },
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
    const mine = await phone.newPage();
    mine.setDefaultTimeout(20_000);
    await mine.goto(`${baseUrl}/tickets/${ticket.id}?lang=en&token=${encodeURIComponent(token)}`);
    await mine.locator('#reply').fill('Hello?');
    await mine.getByRole('button', { name: 'Send' }).click();
    const notice = mine.getByRole('alert');
    await notice.getByText('You have been muted').waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/E[SD]T/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await mine.screenshot({ path: screenshotPath('customer-muted-notice.png'), fullPage: true });

    // Undo: lifted from the same panel, the customer's reply goes through.
    await page.locator('.panel.customer').getByRole('button', { name: '解除' }).click();
    await state.waitFor({ state: 'detached' });
    await mine.getByRole('button', { name: 'Send' }).click();
    await mine.locator('li', { hasText: 'Hello?' }).first().waitFor();
    await phone.close();
    await context.close();
  }, 120_000);
});
