import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { type CategoryForm, validateFormAnswers } from './category-form.ts';

const form: CategoryForm = {
  fields: [
    { key: 'coin', type: 'text', labelZh: '币种', labelEn: 'Coin', required: true, maxLength: 10 },
    { key: 'amount', type: 'number', labelZh: '数量', labelEn: 'Amount', required: false },
    {
      key: 'network',
      type: 'select',
      labelZh: '网络',
      labelEn: 'Network',
      required: false,
      options: ['TRC20', 'ERC20'],
    },
    { key: 'txid', type: 'txid', labelZh: 'TxID', labelEn: 'TxID', required: false },
    { key: 'uid', type: 'uid', labelZh: 'UID', labelEn: 'UID', required: false },
    { key: 'when', type: 'datetime', labelZh: '时间', labelEn: 'When', required: false },
  ],
};
const now = new Date('2026-11-24T12:00:00Z');

describe('category form answers', () => {
  it('accepts good answers and cleans them', () => {
    const result = validateFormAnswers(
      form,
      {
        coin: ' USDT ',
        amount: '12.5',
        network: 'TRC20',
        txid: `0x${'a'.repeat(64)}`,
        uid: 'U_123-x',
        when: '2026-11-24T10:00:00Z',
      },
      now,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        coin: 'USDT',
        amount: 12.5,
        network: 'TRC20',
        txid: `0x${'a'.repeat(64)}`,
        uid: 'U_123-x',
        when: '2026-11-24T10:00:00Z',
      },
    });
    // A base58 signature is a txid too.
    expect(validateFormAnswers(form, { coin: 'SOL', txid: '5'.repeat(88) }, now).ok).toBe(true);
  });

  it('names every problem', () => {
    const result = validateFormAnswers(
      form,
      {
        amount: 'lots',
        network: 'BEP20',
        txid: 'not-a-hash',
        uid: 'has spaces',
        when: 'yesterday',
        extra: 'x',
      },
      now,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(result.problems.map((p) => [p.key, p.problem]))).toEqual({
      extra: 'unknown_field',
      coin: 'required',
      amount: 'wrong_type',
      network: 'not_an_option',
      txid: 'bad_format',
      uid: 'bad_format',
      when: 'bad_format',
    });
    const more = validateFormAnswers(
      form,
      { coin: 'X'.repeat(11), when: '2026-11-25T12:00:00Z', amount: Number.NaN },
      now,
    );
    expect(more.ok ? [] : more.problems.map((p) => `${p.key}:${p.problem}`)).toEqual([
      'coin:too_long',
      'amount:wrong_type',
      'when:in_future',
    ]);
    expect(validateFormAnswers(form, { coin: 5 }, now)).toMatchObject({
      ok: false,
      problems: [{ key: 'coin', problem: 'wrong_type' }],
    });
  });
});

describe('category forms through the API', () => {
  let desk: TestDesk;
  let admin: AgentAuth;
  beforeAll(async () => {
    desk = await createTestDesk(RELAXED_PACE);
    admin = await desk.signIn('admin');
  });
  afterAll(async () => {
    await desk?.close();
  });
  const inject = (opts: InjectOptions) => desk.app.inject(opts);
  const category = (code: string, fields: unknown[]) => ({
    code,
    nameZh: '测试',
    nameEn: 'Test',
    teamId: null,
    defaultPriority: 'normal',
    customerMayPrioritise: true,
    form: { fields },
    position: 50,
    active: true,
  });
  const field = (extra: Record<string, unknown>) => ({
    key: 'coin',
    type: 'text',
    labelZh: '币',
    labelEn: 'Coin',
    required: true,
    ...extra,
  });

  it('refuses forms that cannot be answered: select without options, duplicate keys', async () => {
    for (const [code, fields] of [
      ['bad_select', [field({ key: 'net', type: 'select' })]],
      ['bad_select_empty', [field({ key: 'net', type: 'select', options: [] })]],
      ['dup_keys', [field({}), field({ labelEn: 'Coin again' })]],
      ['bad_key', [field({ key: 'has space' })]],
      ['bad_type', [field({ type: 'file' })]],
    ] as const) {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/admin/categories',
        headers: admin.write,
        payload: category(code, [...fields]),
      });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400);
    }
  });

  it('checks a ticket against its category form, with the problems per field', async () => {
    const made = await inject({
      method: 'POST',
      url: '/api/v1/admin/categories',
      headers: admin.write,
      payload: category('form_check', [
        field({}),
        field({ key: 'net', type: 'select', required: false, options: ['TRC20'] }),
      ]),
    });
    expect(made.statusCode, made.body).toBe(201);
    const customer = await desk.customer('u-form');
    const open = (fields: Record<string, unknown>, priority?: string) =>
      inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: { ...customer.headers, 'accept-language': 'en' },
        payload: {
          title: 'form',
          description: 'form',
          categoryId: made.json().id,
          fields,
          ...(priority ? { priority } : {}),
        },
      });
    const bad = await open({ net: 'ERC20' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'invalid_fields',
      fields: [
        { key: 'coin', problem: 'required' },
        { key: 'net', problem: 'not_an_option' },
      ],
    });
    const good = await open({ coin: 'BTC', net: 'TRC20' }, 'high');
    expect(good.statusCode).toBe(201);
    expect(good.json().priority).toBe('high');
    // Where the category does not allow it, the customer's priority is ignored.
    const demoCategory = (await inject({ method: 'GET', url: '/api/v1/categories' }))
      .json()
      .items.find((c: { code: string }) => c.code === 'general');
    const ignored = await inject({
      method: 'POST',
      url: '/api/v1/me/tickets',
      headers: customer.headers,
      payload: { title: 'p', description: 'p', categoryId: demoCategory.id, priority: 'urgent' },
    });
    expect(ignored.json().priority).not.toBe('urgent');
    // An inactive category cannot be chosen.
    await inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${made.json().id}`,
      headers: admin.write,
      payload: { active: false },
    });
    const inactive = await open({ coin: 'BTC' });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error.code).toBe('category_not_found');
  });
});
