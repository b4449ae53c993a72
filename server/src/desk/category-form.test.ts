import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentAuth, createTestDesk, RELAXED_PACE, type TestDesk } from '../testing/harness.ts';
import { type CategoryForm, validateFormAnswers } from './category-form.ts';

const NETWORKS = ['TRC20', 'ERC20', 'BEP20', 'Polygon', 'Arbitrum One', 'BTC', 'SOL', 'TON', 'XRP', 'Other'];
const form: CategoryForm = {
  fields: [
    { key: 'coin', type: 'text', labelZh: '币种', labelEn: 'Coin', required: true, maxLength: 10 },
    { key: 'amount', type: 'amount', labelZh: '数量', labelEn: 'Amount', required: false },
    { key: 'count', type: 'number', labelZh: '次数', labelEn: 'Count', required: false },
    {
      key: 'network',
      type: 'select',
      labelZh: '网络',
      labelEn: 'Network',
      required: false,
      options: NETWORKS,
    },
    { key: 'txid', type: 'txid', labelZh: 'TxID', labelEn: 'TxID', required: false },
    { key: 'address', type: 'address', labelZh: '地址', labelEn: 'Address', required: false },
    { key: 'uid', type: 'uid', labelZh: 'UID', labelEn: 'UID', required: false },
    { key: 'when', type: 'datetime', labelZh: '时间', labelEn: 'When', required: false },
    {
      key: 'withdrawalId',
      type: 'text',
      labelZh: '提现单号',
      labelEn: 'Withdrawal ID',
      required: false,
      pattern: 'W\\d{12}',
      example: 'W202611240016',
    },
  ],
};
const now = new Date('2026-11-24T12:00:00Z');
const HEX = 'a3f1c9e07b5d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';
const SOL_SIG = 'DyXZZCSiBREJ8YZ5cULd7PVdKpbkhHvHJ7otbJmLJajJtRsyq1irMMqKimYeKvRmZ8Sc2qWLhKjYR4ekM8RSzkV';

/** Per network of the form: a TXID and an address the server takes, and ones it refuses. */
const PER_NETWORK: Record<string, { txid: [ok: string, bad: string]; address: [ok: string, bad: string] }> = {
  TRC20: {
    txid: [HEX, `0x${HEX}`],
    address: ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', '0xdAC17F958D2ee523a2206206994597C13D831ec7'],
  },
  ERC20: {
    txid: [`0x${HEX}`, HEX],
    address: ['0xdAC17F958D2ee523a2206206994597C13D831ec7', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  },
  BEP20: {
    txid: [`0x${HEX}`, SOL_SIG],
    address: ['0x52908400098527886E0F7030069857D2E4169EE7', '0x5290840009852788'],
  },
  Polygon: {
    txid: [`0x${HEX}`, `0x${HEX.slice(2)}`],
    address: ['0x52908400098527886E0F7030069857D2E4169EE7', '52908400098527886E0F7030069857D2E4169EE7'],
  },
  'Arbitrum One': {
    txid: [`0x${HEX}`, 'W202611240016'],
    address: ['0x52908400098527886E0F7030069857D2E4169EE7', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v'],
  },
  BTC: {
    txid: ['4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b', `0x${HEX}`],
    address: ['bc1qw508d6qejxtdg4c6dcqwvj2d9n7q2z3hcfw6rq', '0x52908400098527886E0F7030069857D2E4169EE7'],
  },
  SOL: {
    txid: [SOL_SIG, HEX],
    address: ['EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  },
  TON: {
    txid: [HEX, `0x${HEX}`],
    address: [
      'EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF',
      '0xdAC17F958D2ee523a2206206994597C13D831ec7',
    ],
  },
  XRP: {
    txid: ['1C15FEA3E1D50F96B6598607FC773FF1F6E0125F30160144BE0C5CBC52F5151B', SOL_SIG],
    address: ['r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  },
  // An unknown network: any known shape, nothing that is not one.
  Other: { txid: [SOL_SIG, 'not-a-hash'], address: ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'my wallet'] },
};

describe('category form answers', () => {
  it('accepts good answers and cleans them', () => {
    const result = validateFormAnswers(
      form,
      {
        coin: ' USDT ',
        amount: '12.5',
        count: '-2',
        network: 'TRC20',
        txid: HEX,
        uid: 'U_123-x',
        when: '2026-11-24T10:00:00Z',
        withdrawalId: 'W202611240016',
      },
      now,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        coin: 'USDT',
        amount: '12.5',
        count: -2,
        network: 'TRC20',
        txid: HEX,
        uid: 'U_123-x',
        when: '2026-11-24T10:00:00Z',
        withdrawalId: 'W202611240016',
      },
    });
  });

  it('checks the TXID and the address for the network chosen in the same form', () => {
    expect(Object.keys(PER_NETWORK)).toEqual(NETWORKS);
    for (const [network, { txid, address }] of Object.entries(PER_NETWORK)) {
      const good = validateFormAnswers(form, { coin: 'X', network, txid: txid[0], address: address[0] }, now);
      expect(good.ok, `${network}: ${JSON.stringify(good)}`).toBe(true);
      const bad = validateFormAnswers(form, { coin: 'X', network, txid: txid[1], address: address[1] }, now);
      const known = network !== 'Other';
      expect(bad, network).toEqual({
        ok: false,
        problems: [
          { key: 'txid', problem: 'bad_format', ...(known ? { network } : {}) },
          { key: 'address', problem: 'bad_format', ...(known ? { network } : {}) },
        ],
      });
    }
    // A Tron transaction id has no 0x (the old rule let an Ethereum-shaped hash through).
    expect(validateFormAnswers(form, { coin: 'USDT', network: 'TRC20', txid: `0x${HEX}` }, now).ok).toBe(
      false,
    );
  });

  it('names every problem', () => {
    const result = validateFormAnswers(
      form,
      {
        amount: 'lots',
        network: 'BEP2',
        txid: 'not-a-hash',
        uid: 'has spaces',
        when: 'yesterday',
        withdrawalId: '12345',
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
      withdrawalId: 'bad_format',
    });
    const more = validateFormAnswers(
      form,
      { coin: 'X'.repeat(11), when: '2026-11-25T12:00:00Z', amount: 0, count: Number.NaN },
      now,
    );
    expect(more.ok ? [] : more.problems.map((p) => `${p.key}:${p.problem}`)).toEqual([
      'coin:too_long',
      'amount:not_positive',
      'count:wrong_type',
      'when:in_future',
    ]);
    const old = validateFormAnswers(
      form,
      { coin: 'X', when: '2015-01-01T00:00:00Z', amount: '1.1234567890123456789' },
      now,
    );
    expect(old.ok ? [] : old.problems.map((p) => `${p.key}:${p.problem}`)).toEqual([
      'amount:too_many_decimals',
      'when:too_old',
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
      ['bad_pattern', [field({ key: 'orderId', pattern: '(\\d+' })]],
      ['pattern_misses_example', [field({ key: 'orderId', pattern: '\\d{8}', example: 'A1' })]],
      ['pattern_on_txid', [field({ key: 'txid', type: 'txid', pattern: '.*' })]],
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

  it("refuses a deposit ticket in plain words, per field and in the caller's language (zh, en)", async () => {
    const deposit = (await inject({ method: 'GET', url: '/api/v1/categories' }))
      .json()
      .items.find((c: { code: string }) => c.code === 'deposit_withdrawal');
    const customer = await desk.customer('u-form-words');
    const fields = {
      coin: 'USDT',
      network: 'TRC20',
      txid: `0x${HEX}`,
      amount: '0',
      withdrawalId: '12345',
    };
    const open = (lang: string, answers: Record<string, unknown>) =>
      inject({
        method: 'POST',
        url: '/api/v1/me/tickets',
        headers: { ...customer.headers, 'accept-language': lang },
        payload: { title: 'USDT 未到账', description: '充值未到账', categoryId: deposit.id, fields: answers },
      });

    const zh = await open('zh-CN,zh;q=0.9', fields);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toEqual({
      code: 'invalid_fields',
      message:
        '请检查以下信息：数量：必须大于 0；交易哈希 (TXID)：TRC20 网络的交易哈希应由 64 位十六进制字符（0–9、a–f）组成，不带 0x；提现单号：格式不对，例如 W202611240016',
      fields: [
        { key: 'amount', problem: 'not_positive', message: '必须大于 0' },
        {
          key: 'txid',
          problem: 'bad_format',
          network: 'TRC20',
          message: 'TRC20 网络的交易哈希应由 64 位十六进制字符（0–9、a–f）组成，不带 0x',
        },
        { key: 'withdrawalId', problem: 'bad_format', message: '格式不对，例如 W202611240016' },
      ],
    });
    expect(zh.json().error.message).not.toContain('bad_format');

    const en = await open('en-US,en;q=0.9', fields);
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toBe(
      'Please check these details: Amount: Must be more than 0; Transaction hash (TXID): On TRC20, a TXID is 64 hexadecimal characters (0–9, a–f), without 0x; Withdrawal ID: Not in the expected format, such as W202611240016',
    );
    expect(
      en.json().error.fields.map((f: { key: string; message: string }) => `${f.key}: ${f.message}`),
    ).toEqual([
      'amount: Must be more than 0',
      'txid: On TRC20, a TXID is 64 hexadecimal characters (0–9, a–f), without 0x',
      'withdrawalId: Not in the expected format, such as W202611240016',
    ]);

    // The same answers on the right network, a real amount and id: taken.
    const fixed = await open('en', {
      ...fields,
      network: 'ERC20',
      amount: '200.5',
      withdrawalId: 'W202611240016',
      address: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json().fields).toMatchObject({ txid: `0x${HEX}`, amount: '200.5', network: 'ERC20' });

    // Staff and integrations opening a ticket through the API get the same words.
    const staff = await inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...admin.write, 'accept-language': 'en' },
      payload: {
        title: 'Deposit missing',
        description: 'Opened for the customer',
        customer: { uid: 'u-form-words' },
        categoryId: deposit.id,
        fields: { coin: 'USDT', network: 'SOL', txid: HEX },
      },
    });
    expect(staff.statusCode).toBe(400);
    expect(staff.json().error.message).toBe(
      'Please check these details: Transaction hash (TXID): On SOL, a TXID is a base58 signature of up to 88 characters (no 0, O, I or l)',
    );
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
