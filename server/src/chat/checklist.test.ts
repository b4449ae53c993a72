import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistBlock, ServerFrame, TimelineItem } from '../../../shared/chat-protocol.ts';
import { categories } from '../desk/schema.ts';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { tickets } from '../tickets/schema.ts';
import { type ChatClient, connectChat } from './test-client.ts';

const TXID = 'a3f1c9e07b5d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';
/** On an EVM network (the customer switches to ERC20) a TXID has 0x. */
const ETH_TXID = `0x${TXID}`;
const SEED = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

let desk: TestDesk;
let wsUrl: string;
let deposit: string;

beforeAll(async () => {
  desk = await createTestDesk({ PUBLIC_URL: 'http://desk.test' });
  const address = await desk.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `${address.replace('http', 'ws')}/api/v1/chat/ws`;
  const [row] = await desk.services.db
    .select()
    .from(categories)
    .where(eq(categories.code, 'deposit_withdrawal'));
  deposit = row!.id;
});
afterAll(async () => {
  await desk?.close();
});

type Item = Extract<ServerFrame, { type: 'item' }>;
type Chat = Extract<ServerFrame, { type: 'chat' }>;
type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;

async function customerSocket(uid: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const c = await desk.customer(uid);
  return connectChat(wsUrl, {
    token: c.headers.authorization.slice('Bearer '.length),
    headers: { 'accept-language': lang },
  });
}

const checklistItems = (client: ChatClient, ticketId: string) =>
  client.frames
    .filter((f): f is Item => f.type === 'item' && f.ticketId === ticketId)
    .map((f) => f.item)
    .filter(
      (i): i is Extract<TimelineItem, { kind: 'event' }> => i.kind === 'event' && i.event === 'checklist',
    );

describe('the checklist of a chat', () => {
  it("keeps the host app's facts and the identity's UID from the start, marked prefilled; leaves out a bad one", async () => {
    const customer = await customerSocket('50000001');
    customer.send({
      type: 'start',
      categoryId: deposit,
      lang: 'zh-CN',
      // An Ethereum-shaped hash is not a Tron TXID: checked for the network passed with it.
      facts: { coin: 'USDT', network: 'TRC20', txid: ETH_TXID, amount: '200', token: 'x', nonsense: 'y' },
    });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Chat;
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(row!.fields).toEqual({ coin: 'USDT', network: 'TRC20', amount: '200', uid: '50000001' });
    const [event] = checklistItems(customer, chat.ticketId);
    const block = event!.to as ChecklistBlock;
    expect(block.by).toBe('app');
    expect(block.prefilled.sort()).toEqual(['amount', 'coin', 'network', 'uid']);
    // Asking again for the running chat does not add a second block.
    customer.send({ type: 'start', categoryId: deposit, lang: 'zh-CN', facts: { coin: 'BTC' } });
    await customer.waitFor((f) => f.type === 'chat' && f !== chat);
    const [again] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(again!.fields).toMatchObject({ coin: 'USDT' });
    await customer.close();
  });

  it('refuses a bad TXID with a clear message in the customer language, stores the fixed one, the agent sees the block', async () => {
    const auth = await desk.signIn('chen');
    const agent = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
    const customer = await customerSocket('50000002');
    customer.send({
      type: 'start',
      categoryId: deposit,
      lang: 'zh-CN',
      facts: { coin: 'USDT', network: 'TRC20' },
    });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Chat;
    agent.send({ type: 'resume', ticketId: chat.ticketId, lastSeq: 0 });

    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { coin: 'USDT', network: 'TRC20', txid: '0xnothex', amount: 200 },
    });
    const refused = (await customer.waitFor(
      (f) => f.type === 'error' && f.ref === 'checklist',
    )) as ErrorFrame;
    expect(refused.code).toBe('invalid_fields');
    // The same words as the ticket form's (shared/field-words.ts), for the network chosen.
    const words = 'TRC20 网络的交易哈希应由 64 位十六进制字符（0–9、a–f）组成，不带 0x';
    expect(refused.message).toBe(`请检查以下信息：交易哈希 (TXID)：${words}`);
    expect(refused.fields).toEqual([
      { key: 'txid', problem: 'bad_format', network: 'TRC20', message: words },
    ]);

    // Required fields are required here, as on the ticket form.
    customer.send({ type: 'checklist', ticketId: chat.ticketId, fields: { txid: ETH_TXID } });
    const missing = (await customer.waitFor(
      (f) => f.type === 'error' && f.ref === 'checklist' && f !== refused,
    )) as ErrorFrame;
    expect(missing.message).toMatch(/币种：必填.*网络：必填/);

    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { coin: 'USDT', network: 'ERC20', txid: ETH_TXID, amount: 200, uid: '50000002' },
    });
    const saved = (await customer.waitFor((f) => f.type === 'checklist_saved')) as Extract<
      ServerFrame,
      { type: 'checklist_saved' }
    >;
    expect(saved.safetyNotice).toBeUndefined();
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(row!.fields).toEqual({
      coin: 'USDT',
      network: 'ERC20',
      txid: ETH_TXID,
      amount: '200',
      uid: '50000002',
    });
    // The agent gets the block live: what the customer changed (the network) is no longer "from the app".
    const seen = (await agent.waitFor(
      (f) =>
        f.type === 'item' &&
        f.item.kind === 'event' &&
        f.item.event === 'checklist' &&
        f.item.seq === saved.seq,
    )) as Item;
    const block = (seen.item as Extract<TimelineItem, { kind: 'event' }>).to as ChecklistBlock;
    expect(block).toMatchObject({ by: 'customer', fields: { txid: ETH_TXID, network: 'ERC20' } });
    expect(block.prefilled.sort()).toEqual(['coin', 'uid']);
    // The ticket view (staff REST) shows the same answers and keeps the blocks in the history.
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${chat.ticketId}`,
      headers: auth.read,
    });
    const body = detail.json() as { fields: Record<string, unknown>; history: Array<{ kind: string }> };
    expect(body.fields).toMatchObject({ txid: ETH_TXID, coin: 'USDT' });
    expect(body.history.filter((h) => h.kind === 'checklist')).toHaveLength(2);
    await customer.close();
    await agent.close();
  });

  it('masks a secret typed into a field, tells the customer, and in English', async () => {
    const customer = await customerSocket('50000003', 'en');
    customer.send({ type: 'start', categoryId: deposit, lang: 'en' });
    const chat = (await customer.waitFor((f) => f.type === 'chat')) as Chat;
    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { coin: 'USDT', network: 'SOL', txid: 'abc' },
    });
    const refused = (await customer.waitFor(
      (f) => f.type === 'error' && f.ref === 'checklist',
    )) as ErrorFrame;
    expect(refused.message).toContain('Transaction hash (TXID): On SOL, a TXID is a base58 signature');
    customer.send({
      type: 'checklist',
      ticketId: chat.ticketId,
      fields: { coin: 'USDT', network: 'SOL', steps: `I typed my words ${SEED}` },
    });
    const saved = (await customer.waitFor((f) => f.type === 'checklist_saved')) as Extract<
      ServerFrame,
      { type: 'checklist_saved' }
    >;
    // The notice speaks the customer's own language (from the identity; none given here: zh-CN).
    expect(saved.safetyNotice?.message).toMatch(/助记词/);
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(JSON.stringify(row!.fields)).not.toContain('abandon about');
    await customer.close();
  });

  it("refuses another customer's chat and an agent's checklist", async () => {
    const owner = await customerSocket('50000004');
    owner.send({ type: 'start', categoryId: deposit, lang: 'zh-CN' });
    const chat = (await owner.waitFor((f) => f.type === 'chat')) as Chat;
    const other = await customerSocket('50000005');
    other.send({ type: 'checklist', ticketId: chat.ticketId, fields: { coin: 'BTC', network: 'BTC' } });
    const refused = (await other.waitFor((f) => f.type === 'error')) as ErrorFrame;
    expect(refused.code).toBe('chat_not_found');
    const auth = await desk.signIn('chen');
    const agent = await connectChat(wsUrl, { headers: { ...auth.read, origin: 'http://desk.test' } });
    agent.send({ type: 'checklist', ticketId: chat.ticketId, fields: { coin: 'BTC', network: 'BTC' } });
    expect(((await agent.waitFor((f) => f.type === 'error')) as ErrorFrame).code).toBe('forbidden');
    const [row] = await desk.services.db.select().from(tickets).where(eq(tickets.id, chat.ticketId));
    expect(row!.fields).toEqual({ uid: '50000004' });
    await Promise.all([owner.close(), other.close(), agent.close()]);
  });
});
