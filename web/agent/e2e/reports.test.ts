import { readFile } from 'node:fs/promises';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatSessions } from '../../../server/src/chat/schema.ts';
import { refreshTicketSla } from '../../../server/src/sla/refresh.ts';
import { ticketSlaTargets } from '../../../server/src/sla/schema.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { tickets } from '../../../server/src/tickets/schema.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
beforeAll(async () => {
  env = await startBrowserDesk();
});
afterAll(async () => {
  await env?.close();
});

async function customerTicket(uid: string, title: string) {
  const customer = await env.desk.customer(uid, { name: '李雷', email: `${uid}@mail.example` });
  const res = await env.desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description: '充值的 ETH 还没有到账，交易哈希已经确认了。' },
  });
  expect(res.statusCode).toBe(201);
  return { customer, ticket: res.json() as { id: string; number: string } };
}

interface ReportRow {
  key: string | null;
  created: number;
  solved: number;
  reopened: number;
}

describeInBrowser('service levels, notifications and reports in the browser', () => {
  it('shows a breached SLA in the inbox, its clocks and rating on the ticket, and a live bell count', async () => {
    const { desk, baseUrl } = env;
    const supervisor = await desk.signIn('supervisor');
    const lin = await desk.signIn('lin');
    const assign = (id: string) =>
      desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${id}`,
        headers: supervisor.write,
        payload: { assigneeId: lin.agentId },
      });

    // A ticket opened a month ago and never answered is breached once its clocks are recomputed.
    const late = await customerTicket('u-sla-e2e-1', '充值一个月未到账');
    expect((await assign(late.ticket.id)).statusCode).toBe(200);
    await desk.services.db
      .update(tickets)
      .set({ createdAt: sql`now() - interval '30 days'` })
      .where(eq(tickets.id, late.ticket.id));
    await refreshTicketSla(desk.services.db, late.ticket.id);

    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}/agent/`);
    await page.waitForSelector('.inbox');
    const lateRow = page.locator('.tickets tbody tr', { hasText: late.ticket.number });
    await lateRow.locator('.badge[data-sla=breached]').waitFor();

    // The SLA filter keeps the breached ticket and is part of what a saved filter stores.
    await page.selectOption('select[aria-label=SLA]', 'breached');
    await lateRow.waitFor();
    // The late row was there before the filter too: wait for the filtered list itself, whose
    // every row is breached (counting right away could read the unfiltered list).
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const rows = [...document.querySelectorAll('.tickets tbody tr')];
            return rows.length > 0 && rows.every((r) => r.querySelector('[data-sla=breached]'));
          }),
        { timeout: 15_000 },
      )
      .toBe(true);

    // The bell counts the assignment notice; another assignment raises it without a reload.
    const bell = page.locator('[data-testid=bell-count]');
    await bell.waitFor();
    const before = Number(await bell.textContent());
    const fresh = await customerTicket('u-sla-e2e-2', '提现地址填错了');
    expect((await assign(fresh.ticket.id)).statusCode).toBe(200);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=bell-count]')?.textContent) === n + 1,
      before,
      { timeout: 25_000 },
    );
    await page.click('.bell-button');
    await page.locator('.bell-panel li.unread').first().waitFor();
    await page.screenshot({ path: screenshotPath('sla-inbox-bell.png') });
    await page.click('.bell-panel header button');
    await bell.waitFor({ state: 'detached' });

    // Near breach is the server's warning time (75 % of the target), not "under an hour": three
    // hours left but past the warning time reads as near.
    await desk.services.db
      .update(ticketSlaTargets)
      .set({ warnAt: sql`now() - interval '1 minute'`, dueAt: sql`now() + interval '3 hours'` })
      .where(
        and(eq(ticketSlaTargets.ticketId, fresh.ticket.id), eq(ticketSlaTargets.metric, 'first_response')),
      );
    // …and the ticket row's summary of its clocks, which the clocks' subscriber keeps and the
    // inbox reads.
    await desk.services.db
      .update(tickets)
      .set({ slaWarnAt: sql`now() - interval '1 minute'`, slaDueAt: sql`now() + interval '3 hours'` })
      .where(eq(tickets.id, fresh.ticket.id));
    await page.reload();
    await page
      .locator('.tickets tbody tr', { hasText: fresh.ticket.number })
      .locator('.badge[data-sla=near]')
      .waitFor();

    // The ticket page shows its clocks; a solved and rated ticket shows the rating as text.
    await page.goto(`${baseUrl}/agent/tickets/${late.ticket.number}`);
    await page.locator('[data-testid=sla-panel] [data-sla=breached]').first().waitFor();
    await page.screenshot({ path: screenshotPath('ticket-sla.png') });
    const solve = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${fresh.ticket.id}`,
      headers: lin.write,
      payload: { status: 'solved' },
    });
    expect(solve.statusCode).toBe(200);
    const rate = await desk.app.inject({
      method: 'PUT',
      url: `/api/v1/me/tickets/${fresh.ticket.id}/rating`,
      headers: fresh.customer.headers,
      payload: { score: 4, comment: '<img src=x onerror=alert(1)> 处理很快' },
    });
    expect(rate.statusCode).toBe(200);
    await page.goto(`${baseUrl}/agent/tickets/${fresh.ticket.number}`);
    const csat = page.locator('[data-testid=csat-panel]');
    await csat.waitFor();
    expect(await csat.locator('.csat-comment').textContent()).toBe('<img src=x onerror=alert(1)> 处理很快');
    expect(await csat.locator('img').count()).toBe(0);
    await context.close();
  });

  it('lets a supervisor see the charts, the tables the API gives, and download a CSV with a BOM', async () => {
    const { desk, baseUrl } = env;
    const supervisor = await desk.signIn('supervisor');
    // Three chats of the last hour: one the bot answered alone, one abandoned in the queue, one
    // taken by Lin after two minutes in the queue.
    const lin = await desk.signIn('lin');
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
    for (const [i, times] of [
      { endedAt: minutesAgo(50) },
      { queuedAt: minutesAgo(40), endedAt: minutesAgo(35) },
      { queuedAt: minutesAgo(30), assignedAt: minutesAgo(28), endedAt: minutesAgo(10), agentId: lin.agentId },
    ].entries()) {
      const { customer, ticket } = await customerTicket(`u-chat-report-${i}`, `在线咨询 ${i}`);
      const [row] = await desk.services.db
        .select({ teamId: tickets.teamId })
        .from(tickets)
        .where(eq(tickets.id, ticket.id));
      await desk.services.db.insert(chatSessions).values({
        ticketId: ticket.id,
        customerId: customer.customerId,
        teamId: row?.teamId ?? null,
        state: 'ended',
        createdAt: minutesAgo(55 - i),
        ...times,
      });
    }
    // The demo desk is seeded in one moment; spread its tickets (and their history) over the past
    // two weeks so the trend has a shape. The checks below compare with the API either way.
    await desk.services.db.execute(sql`
      with shifted as (select id, (number % 14) * interval '1 day' + (number % 5) * interval '1 hour' as by from tickets)
      update ticket_events e set created_at = e.created_at - s.by from shifted s where e.ticket_id = s.id`);
    await desk.services.db.execute(sql`
      update tickets set created_at = created_at - ((number % 14) * interval '1 day' + (number % 5) * interval '1 hour')`);
    const context = await env.context({ width: 1440, height: 2000 });
    await env.signInContext(context, 'supervisor');
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}/agent/`);
    await page.click('.topbar nav a[href="/agent/reports"]');
    await page.locator('.reports .chart-box svg').first().waitFor();
    // Six ticket charts and the two of live chat.
    await page.locator('[data-testid=chat-reports] .chart-box svg').nth(1).waitFor();
    expect(await page.locator('.reports .chart-box svg').count()).toBe(8);
    // ECharts drew the series: the trend chart's legend names them, and there are lines to draw.
    const createdLabel = (await page.locator('[data-card=created] span').textContent()) ?? '';
    await page.locator('.chart-wide .chart-box svg text', { hasText: createdLabel }).first().waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('.chart-wide .chart-box svg path').length > 10,
    );

    for (const group of ['team', 'agent'] as const) {
      const table = page.locator(`.report-table[data-group=${group}]`);
      await table.locator('tbody tr').first().waitFor();
      const csvHref = (await table.locator(`[data-testid=csv-${group}]`).getAttribute('href')) ?? '';
      const query = csvHref.slice(csvHref.indexOf('?'));
      expect(query).toContain(`groupBy=${group}`);
      const api = await desk.app.inject({
        method: 'GET',
        url: `/api/v1/reports/tickets${query}`,
        headers: supervisor.read,
      });
      expect(api.statusCode).toBe(200);
      const expected = api.json().rows as ReportRow[];
      expect(expected.length).toBeGreaterThan(0);
      expect(await table.locator('tbody tr').count()).toBe(expected.length);
      for (const row of expected) {
        const tr = table.locator(`tbody tr[data-key="${row.key ?? ''}"]`);
        const cell = async (col: string) => Number(await tr.locator(`[data-col=${col}]`).textContent());
        expect([await cell('created'), await cell('solved'), await cell('reopened')]).toEqual([
          row.created,
          row.solved,
          row.reopened,
        ]);
      }
    }
    const total = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets${(await page.locator('[data-testid=csv-team]').getAttribute('href'))?.replace(/^[^?]*/, '').replace('groupBy=team', 'groupBy=total')}`,
      headers: supervisor.read,
    });
    const created = (total.json().rows as ReportRow[])[0]?.created ?? 0;
    expect(created).toBeGreaterThan(0);
    expect(await page.locator('[data-card=created] strong').textContent()).toBe(String(created));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=csv-team]'),
    ]);
    const csv = await readFile((await download.path()) ?? '');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').slice(1)).toMatch(/^name,created,solved,reopened,/);
    expect(download.suggestedFilename()).toMatch(/^kefu-tickets-team-.*\.csv$/);

    // The live-chat section: its cards and tables say what /reports/chat says, with their CSV.
    const chatQuery = (await page.locator('[data-testid=csv-chat-team]').getAttribute('href')) ?? '';
    expect(chatQuery).not.toContain('channel=');
    const chatTotal = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/reports/chat${chatQuery.slice(chatQuery.indexOf('?')).replace('groupBy=team', 'groupBy=total')}`,
      headers: supervisor.read,
    });
    const sum = chatTotal.json().rows[0] as {
      chats: number;
      handedOff: number;
      queueWait: { medianSeconds: number };
    };
    expect(sum).toMatchObject({ chats: 3, botResolved: 1, handedOff: 2, abandoned: 1 });
    expect(sum.queueWait.medianSeconds).toBe(120);
    const chats = page.locator('[data-testid=chat-cards]');
    expect(await chats.locator('[data-card=chats] strong').textContent()).toBe('3');
    expect(await chats.locator('[data-card=wait] strong').textContent()).toBe('120');
    expect(await chats.locator('[data-card=abandoned] strong').textContent()).toBe('50.0%');
    const chatAgents = page.locator('.report-table[data-group=chat-agent]');
    await chatAgents.locator(`tbody tr[data-key="${lin.agentId}"]`).waitFor();
    const linRow = chatAgents.locator(`tbody tr[data-key="${lin.agentId}"]`);
    expect(await linRow.locator('[data-col=chats]').textContent()).toBe('1');
    expect(await linRow.locator('[data-col=waitMedian]').textContent()).toBe('120');
    const [chatCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=csv-chat-agent]'),
    ]);
    const chatBytes = await readFile((await chatCsv.path()) ?? '');
    expect([...chatBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(chatBytes.toString('utf8').slice(1)).toMatch(/^name,chats,/);

    await page.screenshot({ path: screenshotPath('reports.png') });
    await page.locator('[data-testid=chat-reports]').screenshot({ path: screenshotPath('reports-chat.png') });
    await context.close();
  });

  it('lets an admin add a service level, a 调休 working day and weekend hours, and an agent choose email notices', async () => {
    const { desk, baseUrl } = env;
    const admin = await desk.signIn('admin');
    const context = await env.context();
    await env.signInContext(context, 'admin');
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}/agent/service-levels`);
    const policies = page.locator('[data-testid=sla-policies]');
    await policies.locator('tbody tr').first().waitFor();
    const listed = await desk.app.inject({ method: 'GET', url: '/api/v1/sla/policies', headers: admin.read });
    expect(await policies.locator('tbody tr').count()).toBe(listed.json().items.length);

    await policies.locator('header button').click();
    await policies.locator('input[name=name]').fill('VIP 加急');
    await policies.locator('input[name=position]').fill('1');
    await policies.locator('input[name=firstResponseMinutes]').fill('30');
    await policies.locator('form button[type=submit]').click();
    await policies.locator('tbody tr', { hasText: 'VIP 加急' }).waitFor();
    const after = await desk.app.inject({ method: 'GET', url: '/api/v1/sla/policies', headers: admin.read });
    const vip = (
      after.json().items as Array<{ name: string; firstResponseMinutes: number; position: number }>
    ).find((p) => p.name === 'VIP 加急');
    expect(vip).toMatchObject({ firstResponseMinutes: 30, position: 1 });

    const calendars = page.locator('[data-testid=sla-calendars]');
    const first = calendars.locator('tbody tr').first();
    await first.waitFor();
    await first.locator('td:nth-child(6) button').click();
    const days = page.locator('[data-testid=calendar-days]');
    await days.locator('input[type=date]').fill('2026-09-27');
    await days.locator('select').selectOption('work');
    await days.locator('input:not([type])').fill('国庆调休');
    await days.locator('button[type=submit]').click();
    await days.locator('li', { hasText: '2026-09-27' }).waitFor();
    await page.screenshot({ path: screenshotPath('service-levels.png'), fullPage: true });

    await first.locator('td:last-child button').click();
    await calendars.locator('input[name=day6]').fill('10:00-16:00');
    await calendars.locator('form.admin-form button[type=submit]').click();
    await calendars.locator('form.admin-form').waitFor({ state: 'detached' });
    const cal = await desk.app.inject({ method: 'GET', url: '/api/v1/sla/calendars', headers: admin.read });
    const stored = (
      cal.json().items as Array<{
        weekly: Record<string, string[][]>;
        days: Array<{ day: string; kind: string; note: string }>;
      }>
    ).find((c) => c.days.some((d) => d.day === '2026-09-27'));
    expect(stored?.days.find((d) => d.day === '2026-09-27')).toMatchObject({
      kind: 'work',
      note: '国庆调休',
    });
    expect(stored?.weekly['6']).toEqual([['10:00', '16:00']]);

    await page.goto(`${baseUrl}/agent/settings`);
    const prefs = page.locator('[data-testid=notice-prefs]');
    await prefs.locator('tbody tr').first().waitFor();
    await prefs.locator('tbody tr').first().locator('td:nth-child(3) input').check();
    await page.waitForFunction(() => !document.querySelector('[data-testid=notice-prefs] input:disabled'));
    const saved = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/agent/notification-preferences',
      headers: admin.read,
    });
    expect(saved.json().items[0]).toMatchObject({ kind: 'assigned', inApp: true, email: true });
    await context.close();
  });
});
