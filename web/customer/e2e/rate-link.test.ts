import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';

let desk: TestDesk;
let browser: Browser;
let base: string;

beforeAll(async () => {
  desk = await createTestDesk();
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** A solved ticket of a customer and the signed rating link an agent's mail would carry. */
async function solvedTicketWithLink(uid: string) {
  const customer = await desk.customer(uid);
  const created = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: '提现到账了吗', description: '提现一直在处理中' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const lin = await desk.signIn('lin');
  const solved = await desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${id}`,
    headers: lin.write,
    payload: { status: 'solved' },
  });
  expect(solved.statusCode, solved.body).toBe(200);
  const link = await desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/rating-link`,
    headers: lin.write,
  });
  const { url } = link.json() as { url: string };
  return { id, lin, path: new URL(url).pathname };
}

describeInBrowser('the rating link from a mail', () => {
  it('rates without signing in, once; a second use and a forged link are refused in plain words', async () => {
    const { id, lin, path } = await solvedTicketWithLink('u-rate-link-1');
    // A fresh browser context: no customer session, as when the link is opened from a mail app.
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}${path}?score=4&lang=zh-CN`);
    await page.getByText(/工单 KF-\d+：提现到账了吗/).waitFor();
    // The score from the mail's star link is preselected; the customer adds a comment and sends.
    expect(await page.getByRole('radio', { name: '4 星' }).isChecked()).toBe(true);
    await page.getByLabel('意见（可选）').fill('处理得很快');
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('status').filter({ hasText: '谢谢你的评价' }).waitFor();

    const seen = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/rating`,
      headers: lin.read,
    });
    expect(seen.json().rating).toMatchObject({ score: 4, comment: '处理得很快' });

    // The same link again: the page says it was used, and nothing changes.
    await page.goto(`${base}${path}?lang=zh-CN`);
    await page.getByRole('radio', { name: '2 星' }).check();
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('alert').filter({ hasText: '此评价链接已使用过' }).waitFor();
    const still = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/rating`,
      headers: lin.read,
    });
    expect(still.json().rating.score).toBe(4);

    // A forged token: the page says the link is invalid instead of showing a form.
    await page.goto(`${base}/rate/${'x'.repeat(60)}?lang=en`);
    await page.getByText('This rating link is invalid or has expired').waitFor();
    expect(await page.getByRole('button', { name: /send|submit/i }).count()).toBe(0);
    await context.close();
  });
});
