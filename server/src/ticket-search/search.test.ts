import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';
import { knownCommon, noteHeadCount } from './look-up.ts';
import { reindexTickets } from './reindex.ts';
import { textQuery } from './search.ts';

interface Item {
  id: string;
  number: string;
  title: string;
  lastActivityAt: string;
  match: { tier: string; field: string; segments: Array<{ text: string; mark: boolean }> } | null;
}

let desk: TestDesk;
let lin: AgentAuth;
let token: { authorization: string };
let zh: { id: string; number: string };
let en: { id: string; number: string };
let funds: string;
const TXID = '9f3c2a7be41d08c5aa61e0f7b2c34d5e6f708192a3b4c5d6e7f8091a2b3c4d5e';

async function create(payload: Record<string, unknown>) {
  const res = await desk.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: token, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

async function reply(ticket: string, body: string, visibility = 'public') {
  const res = await desk.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticket}/messages`,
    headers: lin.write,
    payload: { body, visibility },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function search(q: string, extra = ''): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await desk.app.inject({
    method: 'GET',
    url: `/api/v1/tickets?q=${encodeURIComponent(q)}${extra}`,
    headers: lin.read,
  });
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  return res.json();
}

/** Every result's id, page by page through the cursors. */
async function pagedIds(q: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Item[]; nextCursor: string | null } = await search(
      q,
      `&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

const marked = (item: Item | undefined) =>
  (item?.match?.segments ?? [])
    .filter((s) => s.mark)
    .map((s) => s.text)
    .join('|');

beforeAll(async () => {
  desk = await createTestDesk();
  lin = await desk.signIn('lin');
  token = await desk.apiToken(['tickets:write', 'tickets:read']);
  funds = (await desk.app.inject({ method: 'GET', url: '/api/v1/categories' }))
    .json()
    .items.find((c: { code: string }) => c.code === 'deposit_withdrawal').id;
  zh = await create({
    title: '提现一直没有到账',
    description: '昨天提交的 USDT 提现，到现在还没收到',
    categoryId: funds,
    fields: { coin: 'USDT', network: 'TRC20', withdrawalId: 'W202612010042', txid: TXID },
    customer: { uid: 'UID-SEARCH-1', name: '王伟', email: 'zhang.san.trader@example.com' },
  });
  en = await create({
    title: 'Login problem',
    description: 'I cannot sign in on my phone since this morning.',
    customer: { uid: 'UID-SEARCH-2', name: 'Mary Jones', email: 'mary.jones@example.org' },
  });
  // The phrases are in later messages of the threads, not in the title or description.
  await reply(zh.id, '您好，我们已经收到您的反馈，正在核实。');
  await reply(zh.id, '您的提现处理中，请耐心等待区块确认。');
  await reply(en.id, 'Thanks, we are looking into it.');
  await reply(en.id, 'Your password reset request is pending review by the security team.', 'internal');
});
afterAll(async () => {
  await desk?.close();
});

describe('agent search', () => {
  it('finds a Chinese phrase in a later message and highlights it', async () => {
    const { items } = await search('提现处理中');
    const hit = items.find((i) => i.id === zh.id);
    expect(hit, JSON.stringify(items)).toBeDefined();
    expect(hit!.match).toMatchObject({ field: 'message' });
    expect(marked(hit)).toContain('提现处理中');
    expect(items.some((i) => i.id === en.id)).toBe(false);
    // Traditional characters find the simplified text (the help center's normalisation).
    expect((await search('提現處理中')).items.map((i) => i.id)).toContain(zh.id);
  });

  it('finds English words of an internal note, stemmed, and highlights them', async () => {
    const { items } = await search('password resets pending');
    expect(items.map((i) => i.id)).toContain(en.id);
    const hit = items.find((i) => i.id === en.id)!;
    expect(hit.match?.field).toBe('message');
    expect(marked(hit)).toContain('password');
    expect((await search('password reset approved')).items.map((i) => i.id)).not.toContain(en.id);
  });

  it("finds a customer's name, part of an email, a UID", async () => {
    const byName = await search('王伟');
    expect(byName.items.map((i) => i.id)).toContain(zh.id);
    expect(byName.items.find((i) => i.id === zh.id)?.match).toMatchObject({
      tier: 'customer',
      field: 'customer',
    });
    const byEmail = await search('zhang.san');
    expect(byEmail.items.map((i) => i.id)).toContain(zh.id);
    expect(marked(byEmail.items.find((i) => i.id === zh.id))).toBe('zhang.san');
    expect((await search('ary.jon')).items.map((i) => i.id)).toContain(en.id);
    expect((await search('uid-search-2')).items[0]?.id).toBe(en.id);
  });

  it('finds a field value and puts exact ids first', async () => {
    const byField = await search('TRC20');
    expect(byField.items.map((i) => i.id)).toContain(zh.id);
    for (const q of ['W202612010042', TXID, TXID.toUpperCase(), zh.number, zh.number.replace('KF-', '')]) {
      const { items } = await search(q);
      expect(items[0]?.id, q).toBe(zh.id);
      expect(items[0]?.match?.tier, q).toBe('id');
    }
    // A ticket that only mentions the number in a message ranks after the ticket itself.
    await reply(en.id, `Related to W202612010042 maybe?`);
    const { items } = await search('W202612010042');
    expect(items.map((i) => i.id)).toEqual([zh.id, en.id]);
    expect(marked(items[1])).toBe('W202612010042');
  });

  it("an exact id's results (read as JSON with the look-up) are the summaries a text search and the inbox give", async () => {
    const patched = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${zh.id}`,
      headers: lin.write,
      payload: { assigneeId: lin.agentId, priority: 'high' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const strip = ({ match: _, ...rest }: Item) => rest;
    const byNumber = (await search(zh.number)).items.find((i) => i.id === zh.id);
    const byUid = (await search('UID-SEARCH-1')).items.find((i) => i.id === zh.id);
    // A phrase in the thread: its summaries come from their own statement, as columns.
    const byText = (await search('提现处理中')).items.find((i) => i.id === zh.id);
    const inbox = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?limit=200',
      headers: lin.read,
    });
    const listed = inbox.json().items.find((i: Item) => i.id === zh.id);
    expect(byNumber && byUid && byText && listed).toBeTruthy();
    expect(strip(byNumber!)).toEqual(strip(byText!));
    expect(strip(byUid!)).toEqual(strip(byText!));
    expect(strip(byNumber!)).toEqual(listed);
    // The JSON's times and nested rows read as the columns' do.
    expect(byNumber).toMatchObject({
      assignee: { id: lin.agentId },
      category: { id: funds },
      priority: 'high',
      customer: { uid: 'UID-SEARCH-1', name: '王伟' },
    });
    expect(byNumber!.lastActivityAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps masked secrets out of the index', async () => {
    const words = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const t = await create({
      title: 'Wallet question',
      description: `my seed phrase is ${words}`,
      customer: { uid: 'UID-SEARCH-3' },
    });
    expect((await search('absurd abuse access')).items.map((i) => i.id)).not.toContain(t.id);
    await reindexTickets(desk.services.db);
    expect((await search('absurd abuse access')).items.map((i) => i.id)).not.toContain(t.id);
  });

  it('a reindex rebuilds the same results; cursor pages do not repeat', async () => {
    await desk.services.db.execute(sql`delete from ticket_search`);
    expect((await search('提现处理中')).items.map((i) => i.id)).not.toContain(zh.id);
    const n = await reindexTickets(desk.services.db, { batch: 2, missingOnly: true });
    expect(n).toBeGreaterThan(2);
    expect((await search('提现处理中')).items.map((i) => i.id)).toContain(zh.id);
    const whole = await search('example', '&limit=200');
    const seen = await pagedIds('example', 1);
    expect(seen).toEqual(whole.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a phrase in many threads: pages read from the newest tickets match the whole result', async () => {
    // With limit=2 a page needs three matches, found among the view's newest tickets (the walk);
    // with limit=200 they are read from the GIN matches. Both must give the same order.
    const inTitle: string[] = [];
    const inThread: string[] = [];
    for (let i = 0; i < 2; i++)
      inTitle.push(
        (await create({ title: `人工复核 ${i}`, description: '请稍候', customer: { uid: `U-WALK-T${i}` } }))
          .id,
      );
    for (let i = 0; i < 5; i++) {
      const t = await create({
        title: `订单问题 ${i}`,
        description: '请问进度',
        customer: { uid: `U-WALK-${i}` },
      });
      await reply(t.id, '您的订单正在人工复核中，请耐心等待。');
      inThread.push(t.id);
    }
    const whole = (await search('人工复核', '&limit=200')).items;
    expect(
      whole
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual([...inTitle].sort());
    expect(whole.slice(2).map((i) => i.id)).toEqual([...inThread].reverse());
    expect(whole.every((i) => marked(i).includes('人工复核'))).toBe(true);
    const paged = () => pagedIds('人工复核', 2);
    expect(await paged()).toEqual(whole.map((i) => i.id));
    // Again: now every page runs the statement its shape kept (db/shaped.ts), with these values.
    expect(await paged()).toEqual(whole.map((i) => i.id));
    expect((await search('人工复核', '&limit=200')).items.map((i) => i.id)).toEqual(whole.map((i) => i.id));

    // A word this node counted common lately is not counted again; its title tier is then read
    // the common way (the activity index), and the rows and their order do not change.
    const tq = textQuery('人工复核');
    const db = desk.services.db;
    expect(knownCommon(db, tq)).toBe(false);
    const common = { headRare: false, byId: [], byMention: [], exactCustomers: [], partialCustomers: [] };
    noteHeadCount(db, tq, common);
    expect(knownCommon(db, tq)).toBe(true);
    expect((await search('人工复核', '&limit=200')).items.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    expect(await paged()).toEqual(whole.map((i) => i.id));
    // Remembered for ten minutes, not longer; a rare verdict is never remembered.
    expect(knownCommon(db, tq, Date.now() + 11 * 60_000)).toBe(false);
    noteHeadCount(db, tq, { ...common, headRare: true });
    expect(knownCommon(db, tq)).toBe(false);
  });
});
