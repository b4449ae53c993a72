import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
});
afterAll(async () => {
  await desk?.close();
});

const SEED = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

async function define(payload: Record<string, unknown>, headers = admin.write) {
  return desk.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers, payload });
}

async function openTicket(uid: string, title = '提现未到账') {
  const customer = await desk.customer(uid);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title, description: 'USDT 提现两小时未到账' },
  });
  expect(res.statusCode).toBe(201);
  return { ...(res.json() as { id: string; number: string }), customer };
}

async function patchTicket(id: string, customFields: Record<string, unknown>, headers = admin.write) {
  return desk.app.inject({
    method: 'PATCH',
    url: `/api/v1/tickets/${id}`,
    headers,
    payload: { customFields },
  });
}

async function teamId(code: string): Promise<string> {
  const res = await desk.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.read });
  return (res.json().items as Array<{ id: string; code: string }>).find((t) => t.code === code)!.id;
}

describe('custom fields', () => {
  beforeAll(async () => {
    for (const f of [
      { entity: 'ticket', key: 'withdrawal_id', type: 'text', labelZh: '提现单号', labelEn: 'Withdrawal id' },
      { entity: 'ticket', key: 'amount', type: 'number', labelZh: '金额', labelEn: 'Amount' },
      {
        entity: 'ticket',
        key: 'network',
        type: 'choice',
        labelZh: '网络',
        labelEn: 'Network',
        choices: [
          { value: 'trc20', zh: '波场 TRC20', en: 'Tron TRC20' },
          { value: 'erc20', zh: '以太坊 ERC20', en: 'Ethereum ERC20' },
        ],
        required: true,
      },
      { entity: 'ticket', key: 'sent_on', type: 'date', labelZh: '发起日期', labelEn: 'Sent on' },
      { entity: 'ticket', key: 'refunded', type: 'checkbox', labelZh: '已退款', labelEn: 'Refunded' },
      { entity: 'customer', key: 'vip_tier', type: 'text', labelZh: '会员等级', labelEn: 'VIP tier' },
    ]) {
      const res = await define(f);
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('admins define fields; others are refused; keys are unique; a choice field needs choices', async () => {
    const lin = await desk.signIn('lin');
    const byAgent = await define(
      { entity: 'ticket', key: 'x', type: 'text', labelZh: 'x', labelEn: 'x' },
      lin.write,
    );
    expect(byAgent.statusCode).toBe(403);
    const anonymous = await desk.app.inject({ method: 'GET', url: '/api/v1/custom-fields' });
    expect(anonymous.statusCode).toBe(401);
    const again = await define({ entity: 'ticket', key: 'amount', type: 'text', labelZh: 'a', labelEn: 'a' });
    expect(again.statusCode).toBe(409);
    const noChoices = await define({
      entity: 'ticket',
      key: 'c',
      type: 'choice',
      labelZh: 'c',
      labelEn: 'c',
    });
    expect(noChoices.statusCode).toBe(400);
    const badKey = await define({
      entity: 'ticket',
      key: 'Bad Key',
      type: 'text',
      labelZh: 'c',
      labelEn: 'c',
    });
    expect(badKey.statusCode).toBe(400);
    const list = await desk.app.inject({ method: 'GET', url: '/api/v1/custom-fields', headers: lin.read });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['withdrawal_id', 'amount', 'network', 'sent_on', 'refunded', 'vip_tier']),
    );
  });

  it('values are checked by type on write, in the caller’s language; changes are history rows', async () => {
    const t = await openTicket('cf-1');
    const bad = await patchTicket(t.id, { amount: 'ten', sent_on: '2026-02-30', network: 'btc', nope: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_fields');
    expect(bad.json().error.message).toContain('「金额」应为数字');
    expect(bad.json().error.message).toContain('「发起日期」');
    const en = await patchTicket(t.id, { refunded: 'yes' }, { ...admin.write, 'accept-language': 'en' });
    expect(en.json().error.message).toContain('"Refunded" must be true or false');

    const ok = await patchTicket(t.id, {
      withdrawal_id: 'WD-20261202-7781',
      amount: 1520.5,
      network: 'trc20',
      sent_on: '2026-12-01',
      refunded: false,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().customFields).toEqual({
      withdrawal_id: 'WD-20261202-7781',
      amount: 1520.5,
      network: 'trc20',
      sent_on: '2026-12-01',
      refunded: false,
    });
    const row = ok.json().history.find((h: { kind: string }) => h.kind === 'fields');
    expect(row.from).toMatchObject({ amount: null, network: null });
    expect(row.to).toMatchObject({ amount: 1520.5, network: 'trc20' });
    expect(row.actorType).toBe('agent');

    // A required field, once set, cannot be cleared; an optional one can.
    const clearRequired = await patchTicket(t.id, { network: null });
    expect(clearRequired.statusCode).toBe(400);
    const cleared = await patchTicket(t.id, { amount: null });
    expect(cleared.json().customFields.amount).toBeUndefined();

    // The customer sees none of it.
    const mine = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/me/tickets/${t.id}`,
      headers: t.customer.headers,
    });
    expect(mine.json().customFields ?? {}).toEqual({});
  });

  it('a customer, an anonymous caller and an agent of another team cannot set ticket fields', async () => {
    const t = await openTicket('cf-2');
    const byCustomer = await patchTicket(
      t.id,
      { amount: 1 },
      t.customer.headers as unknown as Record<string, string>,
    );
    expect(byCustomer.statusCode).toBe(403);
    const anonymous = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${t.id}`,
      payload: { customFields: { amount: 1 } },
    });
    expect(anonymous.statusCode).toBe(401);
    // Funds holds the ticket: chen (account, security) is refused, lin (funds) may.
    await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${t.id}`,
      headers: admin.write,
      payload: { teamId: await teamId('funds') },
    });
    const chen = await desk.signIn('chen');
    const other = await patchTicket(t.id, { amount: 1 }, chen.write);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('ticket_other_team');
    const lin = await desk.signIn('lin');
    expect((await patchTicket(t.id, { amount: 1 }, lin.write)).statusCode).toBe(200);
  });

  it('archived fields keep their values, refuse new ones, stay filterable', async () => {
    const f = await define({
      entity: 'ticket',
      key: 'legacy_ref',
      type: 'text',
      labelZh: '旧编号',
      labelEn: 'Legacy ref',
    });
    const t = await openTicket('cf-3');
    expect((await patchTicket(t.id, { legacy_ref: 'OLD-1' })).statusCode).toBe(200);
    const archived = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${f.json().id}`,
      headers: admin.write,
      payload: { archived: true },
    });
    expect(archived.json().archived).toBe(true);
    const refused = await patchTicket(t.id, { legacy_ref: 'OLD-2' });
    expect(refused.statusCode).toBe(400);
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${t.id}`,
      headers: admin.read,
    });
    expect(detail.json().customFields.legacy_ref).toBe('OLD-1');
    const filtered = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?fieldKey=legacy_ref&fieldValue=OLD-1',
      headers: admin.read,
    });
    expect(filtered.json().items.map((i: { id: string }) => i.id)).toEqual([t.id]);
  });

  it('the inbox filters on a field value (keyset pages) and search finds field values, secrets masked', async () => {
    const a = await openTicket('cf-4');
    const b = await openTicket('cf-5');
    const c = await openTicket('cf-6');
    await patchTicket(a.id, { network: 'erc20', amount: 77, refunded: true });
    await patchTicket(b.id, { network: 'erc20', withdrawal_id: `WD-88123 ${SEED}` });
    await patchTicket(c.id, { network: 'trc20', amount: 77 });
    const list = async (query: string) =>
      desk.app.inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers: admin.read });
    const page1 = await list('fieldKey=network&fieldValue=erc20&limit=1');
    expect(page1.json().items).toHaveLength(1);
    const page2 = await list(
      `fieldKey=network&fieldValue=erc20&limit=1&cursor=${encodeURIComponent(page1.json().nextCursor)}`,
    );
    expect([page1.json().items[0].id, page2.json().items[0].id].sort()).toEqual([a.id, b.id].sort());
    expect(
      (await list('fieldKey=amount&fieldValue=77'))
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    expect(
      (await list('fieldKey=refunded&fieldValue=true')).json().items.map((i: { id: string }) => i.id),
    ).toEqual([a.id]);
    const counts = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets/counts?fieldKey=network&fieldValue=erc20',
      headers: admin.read,
    });
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json().all.count).toBe(2);
    const wrongType = await list('fieldKey=amount&fieldValue=lots');
    expect(wrongType.statusCode).toBe(400);
    expect((await list('fieldKey=nope&fieldValue=1')).statusCode).toBe(400);

    // The stored text is masked; search finds the id, never the secret.
    const stored = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${b.id}`,
      headers: admin.read,
    });
    expect(stored.json().customFields.withdrawal_id).not.toContain('absurd abuse');
    expect((await list('q=WD-88123')).json().items.map((i: { id: string }) => i.id)).toContain(b.id);
    expect(
      (await list('q=absurd%20abuse%20access')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(b.id);
  });

  it("an agent sets a customer's fields: checked, audited, found by search", async () => {
    const t = await openTicket('cf-7');
    const lin = await desk.signIn('lin');
    const put = (values: Record<string, unknown>, headers: Record<string, string> = lin.write) =>
      desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${t.customer.customerId}/custom-fields`,
        headers,
        payload: { values },
      });
    expect((await put({ vip_tier: 5 })).statusCode).toBe(400);
    expect((await put({ amount: 5 })).statusCode).toBe(400); // a ticket field, not a customer one
    expect(
      (await put({ vip_tier: 'gold' }, t.customer.headers as unknown as Record<string, string>)).statusCode,
    ).toBe(403);
    const ok = await put({ vip_tier: 'platinumwhale' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().customFields).toEqual({ vip_tier: 'platinumwhale' });
    const detail = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${t.id}`,
      headers: lin.read,
    });
    expect(detail.json().customer.customFields).toEqual({ vip_tier: 'platinumwhale' });
    const found = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?q=platinumwhale',
      headers: lin.read,
    });
    expect(found.json().items.map((i: { id: string }) => i.id)).toContain(t.id);
    const log = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit-log?limit=20',
      headers: admin.read,
    });
    expect(log.statusCode, log.body).toBe(200);
    expect(JSON.stringify(log.json())).toContain('platinumwhale');

    // The inbox and its counts filter on a customer's field as `customer.<key>`.
    const other = await openTicket('cf-8');
    const list = (query: string) =>
      desk.app.inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers: lin.read });
    const byCustomer = await list('fieldKey=customer.vip_tier&fieldValue=platinumwhale');
    expect(byCustomer.statusCode, byCustomer.body).toBe(200);
    const ids = byCustomer.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(t.id);
    expect(ids).not.toContain(other.id);
    const counts = await desk.app.inject({
      method: 'GET',
      url: '/api/v1/tickets/counts?fieldKey=customer.vip_tier&fieldValue=platinumwhale',
      headers: admin.read,
    });
    expect(counts.json().all.count).toBe(1);
    // A ticket field's key is not a customer field, nor the other way round.
    expect((await list('fieldKey=customer.amount&fieldValue=1')).statusCode).toBe(400);
    expect((await list('fieldKey=vip_tier&fieldValue=platinumwhale')).statusCode).toBe(400);
  });
});
