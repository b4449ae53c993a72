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

async function openTicket(uid: string, claims: Record<string, unknown>) {
  const customer = await env.desk.customer(uid, claims);
  const res = await env.desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: 'TRC20 提现未到账', description: 'USDT 提现两个小时还在处理中' },
  });
  expect(res.statusCode).toBe(201);
  const { id, number } = res.json() as { id: string; number: string };
  return { customer, id, number };
}

describeInBrowser('incidents in the browser', () => {
  it('an agent makes a ticket an incident, links tickets, answers everyone, shows a banner on the contact page', async () => {
    const { desk, baseUrl } = env;
    const incident = await openTicket('inc-e2e-owner', { name: '张三' });
    const en = await openTicket('inc-e2e-en', { name: 'Ada', language: 'en' });
    const zh = await openTicket('inc-e2e-zh', { name: '王伟' });
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/agent/tickets/${incident.number}`);
    const panel = page.getByTestId('incident-panel');
    await panel.getByRole('button', { name: '设为事件工单' }).click();
    await panel.getByText('此工单是事件工单：已关联 0 个工单。').waitFor();
    await panel.locator('input[name=linkTickets]').fill(`${en.number}, ${zh.number}`);
    await panel.getByRole('button', { name: '关联', exact: true }).click();
    await panel.getByText('此工单是事件工单：已关联 2 个工单。').waitFor();
    await panel.locator('input[name=incidentPublic]').check();
    await panel.locator('input[name=bannerZh]').fill('TRC20 提现延迟，预计 2 小时内恢复');
    await panel.locator('input[name=bannerEn]').fill('TRC20 withdrawals are delayed; back within 2 hours');
    await panel.getByRole('button', { name: '保存公告' }).click();
    await panel.getByText('已保存。').waitFor();
    await panel.locator('textarea[name=incidentZh]').fill('链上拥堵，您的提现将在 2 小时内到账。');
    await panel
      .locator('textarea[name=incidentEn]')
      .fill('The chain is congested; your withdrawal arrives within 2 hours.');
    await panel.getByRole('button', { name: '发送给所有人' }).click();
    await panel.getByText('已发送：2 位关联客户').waitFor();
    // The incident's own customer got the reply in the thread.
    await page.locator('.message.from-agent', { hasText: '链上拥堵' }).waitFor();

    // Layout: the panel is as wide as the other side panels and nothing in it overflows.
    const side = (await page.locator('.side-column .panel').first().boundingBox())!;
    const box = (await panel.boundingBox())!;
    expect(Math.abs(box.width - side.width)).toBeLessThan(1);
    const overflow = await panel.evaluate((el) =>
      [...el.querySelectorAll('input, textarea, select, button')].some(
        (c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 0.5,
      ),
    );
    expect(overflow).toBe(false);
    await page.screenshot({ path: screenshotPath('incident-panel.png'), fullPage: true });

    for (const [t, text] of [
      [en, 'The chain is congested'],
      [zh, '链上拥堵'],
    ] as const) {
      await eventually(async () => {
        const res = await desk.app.inject({
          method: 'GET',
          url: `/api/v1/me/tickets/${t.id}`,
          headers: t.customer.headers,
        });
        return (res.json().messages as Array<{ body: string }>).some((m) => m.body.includes(text));
      });
    }

    // A linked ticket says so and links back.
    await page.goto(`${baseUrl}/agent/tickets/${en.number}`);
    await panel.getByText('已关联到事件').waitFor();
    await panel.getByRole('link', { name: incident.number }).waitFor();

    // The customer's contact page shows the banner, in their language, on a phone.
    for (const [lang, text] of [
      ['zh-CN', 'TRC20 提现延迟'],
      ['en', 'TRC20 withdrawals are delayed'],
    ] as const) {
      const phone = await env.browser.newContext({ ...PHONE, locale: lang });
      const p = await phone.newPage();
      const token = await desk.identityToken(`inc-e2e-visitor-${lang}`, { language: lang });
      await p.goto(`${baseUrl}/contact?token=${encodeURIComponent(token)}`);
      const banner = p.getByTestId('incident-banner');
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.textContent()).toContain(text);
      const b = (await banner.boundingBox())!;
      const viewport = p.viewportSize()!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await p.screenshot({ path: screenshotPath(`contact-incident-${lang}.png`) });
      await phone.close();
    }

    // Solving the incident solves the linked tickets; the banner goes.
    await page.goto(`${baseUrl}/agent/tickets/${incident.number}`);
    await page.selectOption('.properties select[name=status]', 'solved');
    await page.locator('.ticket-head .status-solved').waitFor();
    await eventually(async () => {
      const res = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/me/tickets/${zh.id}`,
        headers: zh.customer.headers,
      });
      return res.json().status === 'solved';
    });
    const banners = await desk.app.inject({ method: 'GET', url: '/api/v1/incidents/banner' });
    expect(banners.json().items).toEqual([]);
    await context.close();
  }, 150_000);
});
