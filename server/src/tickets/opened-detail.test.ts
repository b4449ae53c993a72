import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../testing/harness.ts';
import { PNG_1X1, TINY_PDF, uploadFile } from '../testing/multipart.ts';
import { getTicketDetail } from './ticket-detail.ts';

// The create response is built from what the insert wrote (opened-detail.ts), not read back.
// These tests keep it equal to what reading the ticket gives, for each kind of creator.

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function categoryId(code: string): Promise<string> {
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/categories' });
  return (res.json() as { items: Array<{ id: string; code: string }> }).items.find((c) => c.code === code)!
    .id;
}

const upload = (headers: Record<string, string>, name: string, bytes: Buffer) =>
  uploadFile(desk.app, headers, name, bytes);

const secret = 'Hunter2Secret!';
const payload = async (files: string[]) => ({
  title: '  提现没有到账 withdrawal missing  ',
  description: `提现 0.5 BTC 还没到账。我的密码是${secret} 请帮忙看看`,
  categoryId: await categoryId('deposit_withdrawal'),
  fields: { coin: 'BTC', network: 'BTC', amount: 0.5, withdrawalId: 'W202611250001' },
  attachmentIds: files,
});

/** Compares key by key first, so a failure names the field that drifted. */
function expectSame(created: Record<string, unknown>, read: Record<string, unknown>) {
  expect(Object.keys(created).sort()).toEqual(Object.keys(read).sort());
  for (const key of Object.keys(read)) expect({ [key]: created[key] }).toEqual({ [key]: read[key] });
  expect(created).toEqual(read);
}

describe('the create response is the ticket as reading it gives', () => {
  it('for a customer: masked secret, fields, evidence, no clocks or tags, no history', async () => {
    const customer = await desk.customer('u-opened-1', { name: '王五', email: 'wang@example.com' });
    const files = [
      await upload(customer.headers, 'shot.png', PNG_1X1),
      await upload(customer.headers, 'statement.pdf', TINY_PDF),
    ];
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...customer.headers, 'idempotency-key': 'opened-1' },
      payload: await payload(files),
    });
    expect(res.statusCode).toBe(201);
    const { safetyNotice, ...created } = res.json();
    expect(safetyNotice.kinds).toEqual(['password']);
    expect(JSON.stringify(created)).not.toContain(secret);
    expect(created.messages[0].attachments).toHaveLength(2);
    // The clocks are the desk's (the customer's page has expectedReply); so are the tags.
    expect(created.slaDueAt).toBeNull();
    expect(created.tags).toEqual([]);

    const read = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${created.id}`,
      headers: customer.headers,
    });
    const { expectedReply: _, ...detail } = read.json();
    expectSame(created, detail);

    // A retry with the same key answers the first ticket, read back, and equal too.
    const retry = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: { ...customer.headers, 'idempotency-key': 'opened-1' },
      payload: await payload([]),
    });
    expect(retry.statusCode).toBe(200);
    const { safetyNotice: __, ...again } = retry.json();
    expectSame(again, detail);
  });

  it.each([
    ['an API token', async () => desk.apiToken(['tickets:write', 'tickets:read'])],
    ['an agent', async () => (await desk.signIn('lin')).write],
  ])('for %s: tags, priority, the history entry, the author', async (_who, headersOf) => {
    const headers = await headersOf();
    const files = [await upload(headers, 'log.txt', Buffer.from('order 7 failed at 10:00\n'))];
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers,
      payload: {
        ...(await payload(files)),
        priority: 'urgent',
        tags: ['vip', 'withdrawal', 'vip'],
        customer: { uid: `u-opened-${_who}`, name: 'Alice', email: 'alice@example.com' },
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(JSON.stringify(created)).not.toContain(secret);
    expect(created.history).toHaveLength(1);
    expect(created.priority).toBe('urgent');

    // The route answered before with exactly what getTicketDetail reads.
    const stored = JSON.parse(JSON.stringify(await getTicketDetail(desk.services.db, created.id, 'staff')));
    expectSame(created, stored);

    // GET adds the customer's full record and the e-mail details; the rest is the same.
    const read = await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${created.id}`, headers });
    const { email: ___, customer, ...detail } = read.json();
    expect(customer).toMatchObject(created.customer);
    expectSame(created, { ...detail, customer: created.customer });
  });
});
