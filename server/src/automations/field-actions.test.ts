import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, eventually, type TestDesk } from '../testing/harness.ts';

let desk: TestDesk;
let admin: AgentAuth;
beforeAll(async () => {
  desk = await createTestDesk();
  admin = await desk.signIn('admin');
  for (const f of [
    {
      entity: 'ticket',
      key: 'network',
      type: 'choice',
      labelZh: '网络',
      labelEn: 'Network',
      choices: [
        { value: 'trc20', zh: 'TRC20', en: 'TRC20' },
        { value: 'erc20', zh: 'ERC20', en: 'ERC20' },
      ],
    },
    { entity: 'ticket', key: 'amount', type: 'number', labelZh: '金额', labelEn: 'Amount' },
    { entity: 'ticket', key: 'escalated', type: 'checkbox', labelZh: '已升级', labelEn: 'Escalated' },
    { entity: 'customer', key: 'tier', type: 'text', labelZh: '等级', labelEn: 'Tier' },
    { entity: 'customer', key: 'kyc_level', type: 'number', labelZh: '认证级别', labelEn: 'KYC level' },
  ]) {
    const res = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: admin.write,
      payload: f,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await desk?.close();
});

async function openTicket(uid: string, description = 'USDT 提现两小时未到账') {
  const customer = await desk.customer(uid);
  const res = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/me/tickets',
    headers: customer.headers,
    payload: { title: '提现未到账', description },
  });
  expect(res.statusCode).toBe(201);
  return { ...(res.json() as { id: string; number: string }), customerId: customer.customerId };
}

async function detail(id: string) {
  return (await desk.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: admin.read })).json();
}

/** The newest `customer.fields` audit entry of a customer. */
async function customerFieldsAudit(customerId: string) {
  const log = await desk.app.inject({
    method: 'GET',
    url: '/api/v1/admin/audit-log?limit=50',
    headers: admin.read,
  });
  expect(log.statusCode, log.body).toBe(200);
  return log
    .json()
    .items.find(
      (e: { action: string; targetId: string }) =>
        e.action === 'customer.fields' && e.targetId === customerId,
    );
}

describe('custom fields in macros and triggers', () => {
  it('a macro sets a field: refused when saved with a value the field cannot take; previewed, applied', async () => {
    const lin = await desk.signIn('lin');
    const bad = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: {
        name: 'bad',
        scope: 'personal',
        actions: [{ type: 'set_field', key: 'network', value: 'btc' }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('网络');
    const macro = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/macros',
      headers: lin.write,
      payload: {
        name: 'TRC20 delay',
        scope: 'personal',
        actions: [
          { type: 'set_field', key: 'network', value: 'trc20' },
          { type: 'set_field', key: 'amount', value: 300 },
        ],
      },
    });
    expect(macro.statusCode, macro.body).toBe(201);
    const t = await openTicket('cfa-1');
    const url = (what: string) => `/api/v1/tickets/${t.number}/macros/${macro.json().id}/${what}`;
    const preview = await desk.app.inject({ method: 'POST', url: url('preview'), headers: lin.write });
    expect(preview.json().changes).toEqual(
      expect.arrayContaining([
        { field: 'field:network', from: null, to: 'trc20' },
        { field: 'field:amount', from: null, to: 300 },
      ]),
    );
    const applied = await desk.app.inject({ method: 'POST', url: url('apply'), headers: lin.write });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().customFields).toEqual({ network: 'trc20', amount: 300 });
    expect(applied.json().history.some((h: { kind: string }) => h.kind === 'fields')).toBe(true);
  });

  it("a trigger checks a ticket's and a customer's field, and sets a field", async () => {
    const created = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers',
      headers: admin.write,
      payload: {
        name: 'Big TRC20 withdrawals of gold customers → escalated',
        events: ['fields.changed'],
        match: 'all',
        conditions: [
          { field: 'custom_field', entity: 'ticket', key: 'network', op: 'equals', value: 'TRC20' },
          { field: 'custom_field', entity: 'ticket', key: 'amount', op: 'gte', value: 1000 },
          { field: 'custom_field', entity: 'customer', key: 'tier', op: 'contains', value: 'gold' },
          { field: 'custom_field', entity: 'ticket', key: 'escalated', op: 'not_set' },
        ],
        actions: [
          { type: 'set_field', key: 'escalated', value: true },
          { type: 'priority', value: 'urgent' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers',
      headers: { ...admin.write, 'accept-language': 'en' },
      payload: {
        name: 'x',
        events: ['ticket.created'],
        actions: [{ type: 'set_field', key: 'amount', value: 'many' }],
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('"Amount" must be a number');

    const gold = await openTicket('cfa-2');
    const plain = await openTicket('cfa-3');
    const small = await openTicket('cfa-4');
    for (const c of [gold, small]) {
      const res = await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${c.customerId}/custom-fields`,
        headers: admin.write,
        payload: { values: { tier: 'Gold member' } },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const set = (id: string, amount: number) =>
      desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${id}`,
        headers: admin.write,
        payload: { customFields: { network: 'trc20', amount } },
      });
    await set(gold.id, 2500);
    await set(plain.id, 2500);
    await set(small.id, 999);
    const fired = await eventually(async () => {
      const d = await detail(gold.id);
      return d.customFields.escalated === true ? d : null;
    });
    expect(fired.priority).toBe('urgent');
    expect(fired.history.some((h: { kind: string }) => h.kind === 'trigger_fired')).toBe(true);
    // The others: conditions do not hold (no tier; an amount under 1000).
    for (const id of [plain.id, small.id]) {
      const d = await detail(id);
      expect(d.customFields.escalated).toBeUndefined();
      expect(d.history.some((h: { kind: string }) => h.kind === 'trigger_fired')).toBe(false);
    }
    // The dry run on the escalated ticket: not_set no longer holds.
    const dry = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers/dry-run',
      headers: admin.write,
      payload: { ticket: gold.number, event: 'fields.changed' },
    });
    const item = dry.json().items.find((i: { triggerId: string }) => i.triggerId === created.json().id);
    expect(item.wouldFire).toBe(false);
  });

  it("a macro sets a field of the ticket's customer: checked by type when saved, previewed, applied, audited", async () => {
    const lin = await desk.signIn('lin');
    const save = (actions: unknown[], lang = 'zh-CN') =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/macros',
        headers: { ...lin.write, 'accept-language': lang },
        payload: { name: 'KYC', scope: 'personal', actions },
      });
    const wrongType = await save(
      [{ type: 'set_field', entity: 'customer', key: 'kyc_level', value: 'high' }],
      'en',
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toContain('"KYC level" must be a number');
    // A ticket field's key is not a customer field, and the other way round.
    const ticketKey = await save([{ type: 'set_field', entity: 'customer', key: 'amount', value: 3 }]);
    expect(ticketKey.statusCode).toBe(400);
    const customerKey = await save([{ type: 'set_field', key: 'kyc_level', value: 3 }]);
    expect(customerKey.statusCode).toBe(400);
    const badEntity = await save([{ type: 'set_field', entity: 'agent', key: 'kyc_level', value: 3 }]);
    expect(badEntity.statusCode).toBe(400);

    const macro = await save([
      { type: 'set_field', entity: 'customer', key: 'kyc_level', value: 3 },
      { type: 'set_field', key: 'network', value: 'erc20' },
    ]);
    expect(macro.statusCode, macro.body).toBe(201);
    const t = await openTicket('cfa-5');
    const url = (what: string) => `/api/v1/tickets/${t.number}/macros/${macro.json().id}/${what}`;
    const preview = await desk.app.inject({ method: 'POST', url: url('preview'), headers: lin.write });
    expect(preview.json().changes).toEqual(
      expect.arrayContaining([
        { field: 'customer_field:kyc_level', from: null, to: 3 },
        { field: 'field:network', from: null, to: 'erc20' },
      ]),
    );
    const applied = await desk.app.inject({ method: 'POST', url: url('apply'), headers: lin.write });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().customFields).toEqual({ network: 'erc20' });
    expect((await detail(t.id)).customer.customFields).toEqual({ kyc_level: 3 });
    const entry = await customerFieldsAudit(t.customerId);
    expect(entry).toMatchObject({
      actorType: 'agent',
      data: { from: { kyc_level: null }, to: { kyc_level: 3 }, via: { ticketId: t.id } },
    });
  });

  it("a trigger sets a field of the ticket's customer, audited with the rule's name", async () => {
    const trigger = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/admin/triggers',
      headers: admin.write,
      payload: {
        name: 'ERC20 withdrawals → customer needs KYC 2',
        events: ['fields.changed'],
        conditions: [
          { field: 'custom_field', entity: 'ticket', key: 'network', op: 'equals', value: 'erc20' },
          { field: 'custom_field', entity: 'customer', key: 'kyc_level', op: 'not_set' },
        ],
        actions: [{ type: 'set_field', entity: 'customer', key: 'kyc_level', value: 2 }],
      },
    });
    expect(trigger.statusCode, trigger.body).toBe(201);
    const refused = await desk.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/triggers/${trigger.json().id}`,
      headers: admin.write,
      payload: { actions: [{ type: 'set_field', entity: 'customer', key: 'vip', value: true }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ key: 'vip', problem: 'unknown' }]);

    const t = await openTicket('cfa-6');
    const other = await openTicket('cfa-7');
    for (const [id, network] of [
      [t.id, 'erc20'],
      [other.id, 'trc20'],
    ] as const) {
      const res = await desk.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${id}`,
        headers: admin.write,
        payload: { customFields: { network } },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const fired = await eventually(async () => {
      const d = await detail(t.id);
      return d.customer.customFields.kyc_level === 2 ? d : null;
    });
    expect(fired.history.some((h: { kind: string }) => h.kind === 'trigger_fired')).toBe(true);
    expect((await detail(other.id)).customer.customFields.kyc_level).toBeUndefined();
    const entry = await customerFieldsAudit(t.customerId);
    expect(entry).toMatchObject({
      actorType: 'system',
      data: {
        to: { kyc_level: 2 },
        via: { ticketId: t.id, rule: 'ERC20 withdrawals → customer needs KYC 2' },
      },
    });
  });
});
