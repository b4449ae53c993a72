import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatAgents } from '../../../server/src/chat/schema.ts';
import { type ChatClient, connectChat } from '../../../server/src/chat/test-client.ts';
import { categories } from '../../../server/src/desk/schema.ts';
import { agents } from '../../../server/src/identity/schema.ts';
import { describeInBrowser } from '../../../server/src/testing/browser.ts';
import { eventually } from '../../../server/src/testing/harness.ts';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { type BrowserDesk, screenshotPath, startBrowserDesk } from './browser-desk.ts';

let env: BrowserDesk;
const sockets: ChatClient[] = [];
beforeAll(async () => {
  env = await startBrowserDesk({ sameOrigin: true });
});
afterAll(async () => {
  for (const s of sockets) await s.close();
  await env?.close();
});

type Message = Extract<TimelineItem, { kind: 'message' }>;
const messagesOf = (c: ChatClient): Message[] =>
  c.frames.flatMap((f) => (f.type === 'item' && f.item.kind === 'message' ? [f.item] : []));

async function statusOf(agentId: string) {
  const [row] = await env.desk.services.db.select().from(chatAgents).where(eq(chatAgents.agentId, agentId));
  return row?.status;
}

describeInBrowser('live chat in the agent workspace', () => {
  it('goes online, accepts a queued chat, talks with typing shown, notes privately, transfers, ends', async () => {
    const { desk, baseUrl } = env;
    const db = desk.services.db;
    const wsUrl = `${baseUrl.replace('http', 'ws')}/api/v1/chat/ws`;

    // Omar (deposits and trading) is on shift but full: chats of his teams queue instead of routing.
    await db.update(agents).set({ chatCapacity: 0 }).where(eq(agents.email, 'omar@lumen-exchange.example'));
    const omar = await desk.signIn('omar');
    const omarWs = await connectChat(wsUrl, { headers: { ...omar.read, origin: baseUrl } });
    sockets.push(omarWs);
    omarWs.send({ type: 'presence', status: 'online' });
    await omarWs.waitFor((f) => f.type === 'presence' && f.agentId === omar.agentId);

    // Lin signs in, opens the chats and goes online; the capacity shows.
    const lin = await desk.signIn('lin');
    const context = await env.context();
    await env.signInContext(context, 'lin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/agent/chats`);
    await page.selectOption('select[name=presence]', 'online');
    await eventually(async () => (await statusOf(lin.agentId)) === 'online');
    await page.waitForSelector('[data-testid=capacity]:has-text("0/5")');
    // Away: keeps chats, gets no new ones, so the next chat waits in the queue for an accept.
    await page.selectOption('select[name=presence]', 'away');
    await eventually(async () => (await statusOf(lin.agentId)) === 'away');

    // A customer asks the bot for a person.
    const [funds] = await db.select().from(categories).where(eq(categories.code, 'deposit_withdrawal'));
    const c = await desk.customer('chat-e2e-1', { name: '陈小姐' });
    const customer = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
    sockets.push(customer);
    customer.send({ type: 'start', categoryId: funds!.id, lang: 'zh-CN' });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    const ticketId = chat.ticketId;
    customer.send({ type: 'send', ticketId, clientId: 'c-1', body: '转人工' });
    await customer.waitFor((f) => f.type === 'queue');

    // The supervisor sees the deposits team's waiting count.
    const supContext = await env.context();
    await env.signInContext(supContext, 'supervisor');
    const sup = await supContext.newPage();
    sup.setDefaultTimeout(10_000);
    await sup.goto(`${baseUrl}/agent/supervisor`);
    const fundsRow = sup.locator('[data-testid="team-Deposits & withdrawals"] [data-testid=waiting]');
    await expect.poll(() => fundsRow.textContent(), { timeout: 10_000 }).toBe('1');
    await sup.screenshot({ path: screenshotPath('supervisor.png'), fullPage: true });

    // Lin accepts the offer; the chat opens as a tab.
    await page.click('[data-testid=offer] button');
    await customer.waitFor((f) => f.type === 'chat' && f.state === 'assigned' && f.agent?.id === lin.agentId);
    await page.waitForSelector(`[data-testid=chat-state]:has-text("接待中")`);
    await page.waitForSelector('[data-testid=chat-customer]:has-text("转人工")');

    // The customer writes and types; Lin sees both.
    customer.send({ type: 'send', ticketId, clientId: 'c-2', body: 'USDT 提现 3 小时还没到账' });
    await page.waitForSelector('[data-testid=chat-customer]:has-text("USDT 提现 3 小时还没到账")');
    customer.send({ type: 'typing', ticketId, typing: true });
    await page.waitForSelector('[data-testid=customer-typing]');

    // Lin types (the customer sees it) and replies with Enter.
    await page.click('textarea[name=chat-body]');
    await page.keyboard.type('您好，我来帮您查一下');
    await customer.waitFor((f) => f.type === 'typing' && f.from === 'agent' && f.typing);
    await page.keyboard.press('Enter');
    const reply = await eventually(async () =>
      messagesOf(customer).find((m) => m.authorType === 'agent' && m.body === '您好，我来帮您查一下'),
    );
    // The customer reads it: the read mark shows on Lin's reply.
    customer.send({ type: 'read', ticketId, seq: reply.seq });
    await page.waitForSelector('.read-mark');

    // Every socket drops at once (a network blip). While Lin's page reconnects, the customer comes
    // back, resumes after the last seq it holds, and writes: Lin's page resumes too and shows the
    // message exactly once.
    const lastSeq = Math.max(...customer.frames.flatMap((f) => (f.type === 'item' ? [f.item.seq] : [])));
    for (const ws of desk.app.websocketServer.clients) ws.terminate();
    await customer.closed;
    // Omar's test client does not reconnect by itself: back on shift, still full.
    const omarBack = await connectChat(wsUrl, { headers: { ...omar.read, origin: baseUrl } });
    sockets.push(omarBack);
    omarBack.send({ type: 'presence', status: 'online' });
    const back = await connectChat(wsUrl, { token: c.headers.authorization.slice('Bearer '.length) });
    sockets.push(back);
    back.send({ type: 'resume', ticketId, lastSeq });
    back.send({ type: 'send', ticketId, clientId: 'c-3', body: '我重新连上了' });
    await back.waitFor((f) => f.type === 'ack' && f.clientId === 'c-3');
    await page.waitForSelector('[data-testid=chat-customer]:has-text("我重新连上了")');
    await page.waitForSelector('select[name=presence]');
    expect(await page.locator('[data-testid=chat-customer]:has-text("我重新连上了")').count()).toBe(1);
    // The chosen status survives the reconnect.
    await eventually(async () => (await statusOf(lin.agentId)) === 'away');
    const customerAfter = back;

    // An internal note: shown apart to Lin, never sent to the customer.
    await page.click('button[role=tab]:has-text("内部备注")');
    await page.fill('textarea[name=chat-body]', '客户是 VIP，注意链上确认数');
    await page.click('button:has-text("添加备注")');
    await page.waitForSelector('[data-testid=chat-note]:has-text("客户是 VIP")');
    await page.screenshot({ path: screenshotPath('chat.png'), fullPage: true });

    // Mute from the chat's header: the customer's next message is refused with the mute's end
    // (for their page to say in their clock); lifted, it goes through.
    const head = page.locator('.chat-head');
    await head.getByRole('button', { name: '禁言或封禁…' }).click();
    await head.locator('input[name=reason]').fill('辱骂');
    await head.getByRole('button', { name: '禁言', exact: true }).click();
    await head.getByTestId('restriction-state').getByText('禁言至').waitFor();
    customerAfter.send({ type: 'send', ticketId, clientId: 'muted-1', body: '骂人的话' });
    const refusal = await customerAfter.waitFor((f) => f.type === 'error' && f.code === 'customer_muted');
    expect((refusal as { until?: string }).until).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await head.getByRole('button', { name: '解除' }).click();
    await head.getByTestId('restriction-state').waitFor({ state: 'detached' });
    customerAfter.send({ type: 'send', ticketId, clientId: 'unmuted-1', body: '抱歉' });
    await customerAfter.waitFor((f) => f.type === 'ack' && f.clientId === 'unmuted-1');

    // Transfer to the trading team's queue: the customer is told, the supervisor sees it wait.
    const teams = (await (
      await fetchJson(`${baseUrl}/api/v1/teams`, lin.read)
    ).items) as Array<{
      id: string;
      code: string;
    }>;
    const trading = teams.find((t) => t.code === 'trading')!;
    await page.selectOption('select[name=transfer]', `team:${trading.id}`);
    await page.click('button:has-text("转接")');
    await customerAfter.waitFor((f) => f.type === 'chat' && f.state === 'queued' && f.teamId === trading.id);
    await eventually(async () =>
      messagesOf(customerAfter).some((m) => m.authorType === 'system' && /转接/.test(m.body)),
    );
    await expect
      .poll(() => sup.locator('[data-testid="team-Trading"] [data-testid=waiting]').textContent(), {
        timeout: 10_000,
      })
      .toBe('1');

    // The supervisor gives it back to Lin (bulk assign), and Lin ends the chat.
    await sup.check('.queued input[type=checkbox]');
    await sup.selectOption('select[name=assign-agent]', lin.agentId);
    await sup.click('button:has-text("分配")');
    await customerAfter.waitFor(
      (f) => f.type === 'chat' && f.state === 'assigned' && f.teamId === trading.id,
    );
    await page.waitForSelector(`[data-testid=chat-state]:has-text("接待中")`);
    await page.click('button:has-text("结束会话")');
    await customerAfter.waitFor((f) => f.type === 'chat' && f.state === 'ended');
    await page.waitForSelector(`[data-testid=chat-state]:has-text("已结束")`);

    // Everything the customer received: replies, no note (not even a gap-filling copy).
    const received = [...messagesOf(customer), ...messagesOf(customerAfter)];
    expect(received.map((m) => m.body)).toContain('您好，我来帮您查一下');
    expect(received.some((m) => m.body.includes('VIP') || m.internal)).toBe(false);
    // And the agent's thread shows each message once, in order.
    const seqs = await page.$$eval('.chat-thread [data-seq]', (els) =>
      els.map((e) => Number(e.getAttribute('data-seq'))),
    );
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    await context.close();
    await supContext.close();
  });
});

async function fetchJson(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  return (await res.json()) as Record<string, unknown>;
}
