import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatSessions } from '../../../server/src/chat/schema.ts';
import { connectChat } from '../../../server/src/chat/test-client.ts';
import { csatRatings } from '../../../server/src/csat/schema.ts';
import { customers } from '../../../server/src/customers/schema.ts';
import {
  describeInBrowser,
  launchChromium,
  listenOnFreePort,
  PHONE,
  SHOTS,
} from '../../../server/src/testing/browser.ts';
import { createTestDesk, eventually, type TestDesk } from '../../../server/src/testing/harness.ts';

let desk: TestDesk;
let browser: Browser;
let base: string;

beforeAll(async () => {
  desk = await createTestDesk({ CHAT_AGENT_GRACE_SECONDS: '30' });
  base = await listenOnFreePort(desk.app);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

describeInBrowser('rating a chat in the chat page', () => {
  it('the agent ends the chat, the customer rates it inline, sees it again after a reload and in the inbox', async () => {
    const auth = await desk.signIn('maya');
    const agent = await connectChat(`${base.replace('http', 'ws')}/api/v1/chat/ws`, { headers: auth.read });
    agent.send({ type: 'presence', status: 'online' });
    await agent.waitFor((f) => f.type === 'presence' && f.agentId === auth.agentId);

    const token = await desk.identityToken('10000071', { name: '王芳', language: 'zh-CN' });
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`${base}/chat?category=general&token=${encodeURIComponent(token)}`);
    await page.locator('.chat-bot').first().waitFor();
    await page.getByRole('button', { name: '转人工客服' }).first().click();
    await page.getByText('Maya Tan 正在为你服务').waitFor({ timeout: 15_000 });
    const [customer] = await desk.services.db.select().from(customers).where(eq(customers.uid, '10000071'));
    const [session] = await desk.services.db
      .select()
      .from(chatSessions)
      .where(and(eq(chatSessions.customerId, customer!.id), eq(chatSessions.state, 'assigned')));
    const ticketId = session!.ticketId;

    agent.send({ type: 'end', ticketId });
    await page.getByText('对话已结束').waitFor();
    await page.getByText('这次对话对你有帮助吗？').waitFor();
    await page.locator('label', { hasText: '4 星' }).click();
    await page.getByRole('textbox', { name: '意见（可选）' }).fill('回复很快');
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('status').filter({ hasText: '谢谢你的评价！' }).waitFor();
    await page.getByRole('img', { name: '4 星' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'chat-rated.png') });
    const [stored] = await desk.services.db
      .select()
      .from(csatRatings)
      .where(eq(csatRatings.ticketId, ticketId));
    expect(stored).toMatchObject({ score: 4, comment: '回复很快', via: 'customer' });

    // Coming back: the ended chat and its rating are shown, not a new chat; the rating can change.
    await page.reload();
    await page.getByText('对话已结束').waitFor();
    await page.getByTestId('rating-given').getByRole('img', { name: '4 星' }).waitFor();
    await page.getByRole('button', { name: '修改评分' }).click();
    await page.locator('label', { hasText: '5 星' }).click();
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('img', { name: '5 星' }).waitFor();
    await eventually(async () => {
      const [row] = await desk.services.db
        .select()
        .from(csatRatings)
        .where(eq(csatRatings.ticketId, ticketId));
      return row?.score === 5;
    });

    // The inbox notice of the ended chat shows the rating given.
    await page.goto(`${base}/inbox`);
    const notice = page.locator('li').filter({ hasText: '已结束' });
    await notice.getByRole('img', { name: '5 星' }).waitFor();
    await notice.getByRole('button', { name: '修改评分' }).waitFor();

    // A new chat is one tap away.
    await page.goto(`${base}/chat?category=general`);
    await page.getByRole('button', { name: '开始新的对话' }).click();
    await page.getByRole('textbox', { name: '输入消息…' }).waitFor();
    await eventually(async () => {
      const open = await desk.services.db
        .select()
        .from(chatSessions)
        .where(and(eq(chatSessions.customerId, customer!.id), eq(chatSessions.state, 'bot')));
      return open.length === 1;
    });
    await agent.close();
    await context.close();
  }, 120_000);
});
