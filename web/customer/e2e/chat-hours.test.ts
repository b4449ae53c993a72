import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { categories, teams } from '../../../server/src/desk/schema.ts';
import { slaCalendars } from '../../../server/src/sla/schema.ts';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';
import { messages, tickets } from '../../../server/src/tickets/schema.ts';

let desk: TestDesk;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // The app was built once for the run (web/build-for-tests.ts, vitest's global setup).
  desk = await createTestDesk();
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** Gives the security team chat hours of one hour a day, twelve hours from now: closed whenever this runs. */
async function closeSecurityChat() {
  const db = desk.services.db;
  const hour = (new Date().getUTCHours() + 12) % 24;
  const span: [string, string] = [
    `${String(hour).padStart(2, '0')}:00`,
    `${String(hour + 1).padStart(2, '0')}:00`,
  ];
  const weekly = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [span]]));
  const [calendar] = await db
    .insert(slaCalendars)
    .values({ code: 'e2e-closed', name: 'Closed now', timeZone: 'UTC', weekly })
    .returning();
  const [security] = await db.select().from(teams).where(eq(teams.code, 'security'));
  const admin = await desk.signIn('admin');
  const set = await desk.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/teams/${security!.id}/chat-hours`,
    headers: admin.write,
    payload: { calendarId: calendar!.id },
  });
  expect(set.statusCode, set.body).toBe(200);
  return set.json() as { openNow: boolean; opensAt: string };
}

describeInBrowser('customer chat outside the team hours', () => {
  it('a chat started outside hours says when it opens, becomes a leave-a-message ticket, shown in my tickets', async () => {
    const hours = await closeSecurityChat();
    expect(hours.openNow).toBe(false);
    const token = await desk.identityToken('10000001', { name: '王伟', language: 'zh-CN' });
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${base}/chat?category=security&token=${encodeURIComponent(token)}`);

    // Closed: the banner says so, with the opening time in the customer's clock.
    const banner = page.getByTestId('chat-leave-message');
    await banner.waitFor();
    const opens = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(hours.opensAt));
    await expect.poll(() => banner.textContent()).toContain(`下次开放：${opens}`);
    await page.locator('.chat-system').filter({ hasText: '留言工单' }).waitFor();
    expect(await page.locator('.chat-bot').count()).toBe(0);

    // What the customer types is kept as the ticket's message.
    const box = page.getByRole('textbox', { name: '输入消息…' });
    await box.fill('我的账户被冻结了，请帮我看看');
    await box.press('Enter');
    await page.locator('.chat-mine:not(.chat-pending)').filter({ hasText: '我的账户被冻结了' }).waitFor();
    const number = (await page.locator('.chat-ticket-number').textContent())!;
    expect(number).toMatch(/^KF-\d{6}$/);
    await page.screenshot({ path: join(SHOTS, 'chat-closed.png'), fullPage: true });

    const db = desk.services.db;
    const [category] = await db.select().from(categories).where(eq(categories.code, 'security'));
    const [ticket] = await db
      .select()
      .from(tickets)
      .where(and(eq(tickets.categoryId, category!.id), eq(tickets.channel, 'chat')));
    const stored = await db.select().from(messages).where(eq(messages.ticketId, ticket!.id));
    expect(stored.some((m) => m.body === '我的账户被冻结了，请帮我看看')).toBe(true);

    // "My tickets" lists it, with its number, waiting for an answer.
    await page.getByRole('link', { name: '查看我的工单' }).click();
    const row = page.locator('li.channel').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain(`在线咨询：${category!.nameZh}`);
    await context.close();
  });
});
