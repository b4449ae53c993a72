import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ChatClient, connectChat } from '../../../server/src/chat/test-client.ts';
import { categories } from '../../../server/src/desk/schema.ts';
import { agents } from '../../../server/src/identity/schema.ts';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, type TestDesk } from '../../../server/src/testing/harness.ts';
import { tickets } from '../../../server/src/tickets/schema.ts';
import type { ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';

// A 2×2 red PNG: a real image for the attachment checks and the thumbnailer.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Every socket the page opens is recorded (so the test can cut it), and while `__kefuCut` is set
 * new chat sockets go nowhere: the page is "offline" for the chat until the test lets it back.
 */
const SOCKET_SPY = `(() => {
  const Real = window.WebSocket;
  window.__kefuSockets = [];
  window.__kefuCut = false;
  window.WebSocket = class extends Real {
    constructor(url, protocols) {
      super(window.__kefuCut ? 'ws://127.0.0.1:9/' : url, protocols);
      window.__kefuSockets.push(this);
    }
  };
})();`;

let desk: TestDesk;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // The app was built once for the run (web/build-for-tests.ts, vitest's global setup).
  desk = await createTestDesk({ CHAT_AGENT_GRACE_SECONDS: '30' });
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function phonePage(options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number } = {}) {
  const context = await browser.newContext({
    ...PHONE,
    ...(options.width ? { viewport: { width: options.width, height: 740 } } : {}),
    locale: options.locale ?? 'zh-CN',
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.addInitScript(SOCKET_SPY);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  return page;
}

async function agentClient(who: 'chen' | 'maya' | 'lin') {
  const auth = await desk.signIn(who);
  const client = await connectChat(`${base.replace('http', 'ws')}/api/v1/chat/ws`, { headers: auth.read });
  return { client, agentId: auth.agentId };
}

type Message = Extract<TimelineItem, { kind: 'message' }>;
/** What the agent has received of one chat: each item by seq, checking none came twice. */
function agentTimeline(agent: ChatClient, ticketId: string): TimelineItem[] {
  return agent.frames
    .filter((f): f is Extract<ServerFrame, { type: 'item' }> => f.type === 'item' && f.ticketId === ticketId)
    .map((f) => f.item);
}

/** The page's stored bubbles: seq and text, in screen order. */
async function pageLog(page: Page) {
  return page.locator('.chat-log li[data-seq]').evaluateAll((lis) =>
    lis.map((li) => ({
      seq: Number(li.getAttribute('data-seq')),
      text: li.querySelector('.chat-body')?.textContent ?? '',
    })),
  );
}

async function categoryId(code: string) {
  const [row] = await desk.services.db.select().from(categories).where(eq(categories.code, code));
  return row!.id;
}

async function setCapacity(agentId: string, capacity: number) {
  await desk.services.db.update(agents).set({ chatCapacity: capacity }).where(eq(agents.id, agentId));
}

describeInBrowser('customer chat in a phone browser', () => {
  it('bot card, 转人工 into the queue, agent accepts and replies, and a cut socket loses nothing', async () => {
    const { client: agent, agentId } = await agentClient('chen');
    // Chen is on shift with one slot, taken by another customer: the next one waits in the queue.
    await setCapacity(agentId, 1);
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === agentId);
    const other = await desk.customer('chat-other');
    const busy = await connectChat(`${base.replace('http', 'ws')}/api/v1/chat/ws`, {
      token: other.headers.authorization.slice('Bearer '.length),
    });
    busy.send({ type: 'start', categoryId: await categoryId('account'), lang: 'zh-CN' });
    const busyChat = (await busy.waitFor((f) => f.type === 'chat')) as Extract<ServerFrame, { type: 'chat' }>;
    busy.send({ type: 'handoff', ticketId: busyChat.ticketId });
    await agent.waitFor((f) => f.type === 'assigned' && f.ticketId === busyChat.ticketId);

    const token = await desk.identityToken('10000002', { name: '李娜', language: 'zh-CN' });
    const page = await phonePage();
    await page.goto(`${base}/chat?token=${encodeURIComponent(token)}`);
    await page
      .getByRole('note')
      .filter({ hasText: '客服永远不会向你索要密码、私钥、助记词或验证码' })
      .waitFor();
    await page.getByRole('button', { name: '账户问题' }).click();
    expect(page.url()).toBe(`${base}/chat?category=account`);
    await page.locator('.chat-bot').first().waitFor();

    const box = page.getByRole('textbox', { name: '输入消息…' });
    await box.fill('谷歌验证器丢了，怎么重置 2FA？');
    await box.press('Enter');
    const card = page.locator('.chat-card').first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('a').first().getAttribute('href')).toMatch(/^\/help\/articles\//);
    expect((await card.textContent())?.length).toBeGreaterThan(10);
    await page.screenshot({ path: join(SHOTS, 'chat-bot.png') });

    await box.fill('转人工');
    await box.press('Enter');
    await page.getByText(/你正在排队：.*第 1 位/).waitFor({ timeout: 15_000 });
    await page.getByText(/预计等待约 \d+ 分钟（1 位客服在线）/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'chat-queue.png') });

    // Room for Chen now: the agent takes the chat (or the router gives it first) and answers.
    const [chat] = await desk.services.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.channel, 'chat'))
      .orderBy(desc(tickets.createdAt))
      .limit(1);
    const ticketId = chat!.id;
    await setCapacity(agentId, 2);
    agent.send({ type: 'accept', ticketId });
    await agent.waitFor((f) => f.type === 'assigned' && f.ticketId === ticketId);
    await page.getByText('陈卓 Chen Zhuo 正在为你服务').waitFor();
    agent.send({ type: 'resume', ticketId, lastSeq: 0 });
    agent.send({ type: 'typing', ticketId, typing: true });
    await page.getByText('客服正在输入…').waitFor();
    agent.send({ type: 'send', ticketId, clientId: 'a-hello', body: '您好，我是陈卓，请问手机还在吗？' });
    await page.locator('.chat-agent', { hasText: '我是陈卓' }).waitFor();
    // The page reports what it has read, and typing goes the other way too.
    await agent.waitFor((f) => f.type === 'read' && f.by === 'customer' && f.ticketId === ticketId);
    await box.fill('手机丢了');
    await agent.waitFor((f) => f.type === 'typing' && f.from === 'customer' && f.typing);
    await box.press('Enter');
    const lost = (await agent.waitFor(
      (f) => f.type === 'item' && f.item.kind === 'message' && f.item.body === '手机丢了',
    )) as Extract<ServerFrame, { type: 'item' }>;
    agent.send({ type: 'read', ticketId, seq: lost.item.seq });
    await page.locator('.chat-mine', { hasText: '手机丢了' }).getByText('已读').waitFor();

    // An image: uploaded, referenced by id, shown as a thumbnail from the server.
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('li[data-seq] img.chat-thumb[src^="data:image/"]').waitFor({ timeout: 15_000 });
    await agent.waitFor(
      (f) => f.type === 'item' && f.item.kind === 'message' && f.item.attachments.length > 0,
    );

    // Cut the page's socket. While it is away the customer writes and the agent answers.
    await page.evaluate(() => {
      const w = window as unknown as { __kefuCut: boolean; __kefuSockets: WebSocket[] };
      w.__kefuCut = true;
      for (const ws of w.__kefuSockets) ws.close();
    });
    await page.getByText('网络已断开').waitFor();
    await box.fill('断线时发的消息');
    await box.press('Enter');
    await page.locator('.chat-pending', { hasText: '断线时发的消息' }).waitFor();
    agent.send({ type: 'send', ticketId, clientId: 'a-away', body: '断线期间客服的回复' });
    await agent.waitFor((f) => f.type === 'ack' && f.clientId === 'a-away');
    await page.evaluate(() => {
      (window as unknown as { __kefuCut: boolean }).__kefuCut = false;
      window.dispatchEvent(new Event('online'));
    });
    await page.locator('li[data-seq]', { hasText: '断线期间客服的回复' }).waitFor({ timeout: 20_000 });
    await page.locator('li[data-seq]', { hasText: '断线时发的消息' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.chat-pending').count()).toBe(0);

    // Both sides: every message once, in seq order, and the same public messages.
    const shown = await pageLog(page);
    const seqs = shown.map((m) => m.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    const agentItems = agentTimeline(agent, ticketId);
    const agentSeqs = agentItems.map((i) => i.seq);
    expect(agentSeqs).toEqual([...new Set(agentSeqs)].sort((a, b) => a - b));
    const publicMessages = agentItems.filter((i): i is Message => i.kind === 'message' && !i.internal);
    // The page leaves out only the ticket's opening line (the server wrote it, with no client id).
    const typed = publicMessages.filter((m) => m.authorType !== 'customer' || m.clientId !== null);
    expect(publicMessages.length - typed.length).toBe(1);
    expect(shown.map((m) => m.seq)).toEqual(typed.map((m) => m.seq));
    for (const text of [
      '手机丢了',
      '断线时发的消息',
      '断线期间客服的回复',
      '您好，我是陈卓，请问手机还在吗？',
    ]) {
      expect(shown.filter((m) => m.text === text)).toHaveLength(1);
      expect(publicMessages.filter((m) => m.body === text)).toHaveLength(1);
    }
    const order = ['手机丢了', '断线期间客服的回复', '断线时发的消息'].map((t) =>
      shown.findIndex((m) => m.text === t),
    );
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    await page.screenshot({ path: join(SHOTS, 'chat-agent.png') });

    // The agent ends the chat: the page says so and tells the host app.
    await page.evaluate(() => {
      const w = window as unknown as {
        __ended: string[];
        ReactNativeWebView: { postMessage(m: string): void };
      };
      w.__ended = [];
      w.ReactNativeWebView = { postMessage: (m: string) => w.__ended.push(m) };
    });
    agent.send({ type: 'end', ticketId });
    await page.getByText('对话已结束').waitFor();
    const ended = await page.evaluate(() => (window as unknown as { __ended: string[] }).__ended);
    expect(ended.map((m) => JSON.parse(m))).toEqual([{ type: 'chat_ended', ticketId }]);
    await agent.close();
    await busy.close();
    await page.context().close();
  }, 120_000);

  it('leaves a message when nobody is online, warns about a pasted secret, in English, dark, 320 px', async () => {
    const token = await desk.identityToken('10000003', { name: 'Sam', language: 'en' });
    const page = await phonePage({ locale: 'en-US', colorScheme: 'dark', width: 320 });
    await page.goto(`${base}/chat?category=trading&token=${encodeURIComponent(token)}`);
    await page.getByRole('note').filter({ hasText: 'Support will never ask for your password' }).waitFor();
    await page.locator('.chat-bot').first().waitFor();
    await page.getByRole('button', { name: 'Talk to a person' }).first().click();
    await page.getByText(/Nobody from this team is online/).waitFor({ timeout: 15_000 });
    const number = page.locator('.chat-ticket-number');
    await expect.poll(() => number.textContent(), { timeout: 10_000 }).toMatch(/^KF-\d{6}$/);
    expect(await page.getByRole('link', { name: 'My tickets' }).getAttribute('href')).toBe('/tickets');

    const box = page.getByRole('textbox', { name: 'Type a message…' });
    await box.fill(
      'my seed phrase is abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
    );
    await box.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'For your safety we hid' }).waitFor();
    expect(await page.content()).not.toContain('abandon about');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(SHOTS, 'chat-offline-dark-320.png') });
    await page.context().close();
  }, 60_000);
});

describeInBrowser('the checklist on a phone never hides the conversation', () => {
  it('queue position, "正在为你服务" and the agent\'s reply stay in view with the form open; typing in it, the log announces', async () => {
    const { client: agent, agentId } = await agentClient('lin');
    // Lin (deposits) is on shift but full: the customer waits in the queue with the checklist open.
    await setCapacity(agentId, 0);
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === agentId);
    const token = await desk.identityToken('10000031', { name: '吴昊', language: 'zh-CN' });
    const page = await phonePage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/chat?category=deposit_withdrawal&token=${encodeURIComponent(token)}`);
    await page.locator('.chat-bot').first().waitFor();
    await page.getByRole('button', { name: '转人工客服' }).first().click();
    const form = page.locator('form.chat-checklist');
    await form.waitFor();
    const inView = async (selector: string) => {
      const box = await page.locator(selector).last().boundingBox();
      const height = page.viewportSize()!.height;
      return Boolean(box && box.y >= 0 && box.y + box.height <= height);
    };
    // The form is taller than what is left of the screen: it must not push the status away.
    const formBox = await form.boundingBox();
    expect(formBox!.height).toBeGreaterThan(300);
    await page.locator('.chat-queue').waitFor();
    await expect.poll(() => inView('.chat-queue')).toBe(true);

    const [chat] = await desk.services.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.channel, 'chat'))
      .orderBy(desc(tickets.createdAt))
      .limit(1);
    const ticketId = chat!.id;
    await setCapacity(agentId, 3);
    agent.send({ type: 'accept', ticketId });
    await agent.waitFor((f) => f.type === 'assigned' && f.ticketId === ticketId);
    const serving = page.locator('.chat-banner', { hasText: '正在为你服务' });
    await serving.waitFor();
    await expect.poll(() => inView('.chat-banner >> text=正在为你服务')).toBe(true);
    agent.send({ type: 'resume', ticketId, lastSeq: 0 });
    agent.send({
      type: 'send',
      ticketId,
      clientId: 'l-1',
      body: '您好，我是林晓，请把交易哈希填在下面的表格里。',
    });
    await page.locator('.chat-agent', { hasText: '我是林晓' }).waitFor();
    await expect.poll(() => inView('.chat-agent')).toBe(true);
    // The form's heading peeks in below: the customer sees there is a form to fill.
    const peek = await form.boundingBox();
    expect(peek!.y).toBeLessThan(page.viewportSize()!.height);
    await page.screenshot({ path: join(SHOTS, 'chat-checklist-phone-reply.png') });

    // Typing in the form: a new reply does not yank the page; the chat log announces it instead.
    await page.locator('#f-coin').focus();
    const before = await page.evaluate(() => window.scrollY);
    agent.send({ type: 'send', ticketId, clientId: 'l-2', body: '不着急，慢慢填。' });
    await page.locator('.chat-agent', { hasText: '慢慢填' }).waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    expect(await page.locator('.chat-log').getAttribute('aria-live')).toBe('polite');
    await page.context().close();
    await agent.close();
  }, 120_000);
});
