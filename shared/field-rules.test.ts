import { describe, expect, it } from 'vitest';
import {
  addressFits,
  type Chain,
  chainOf,
  checkAnswer,
  checkAnswers,
  cleanAnswer,
  type FieldRule,
  ruleProblems,
  txidFits,
} from './field-rules.ts';
import { describeProblems, problemWords } from './field-words.ts';

const HEX = 'a3f1c9e07b5d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';
// A 64-byte value in base58 (a Solana signature's shape), and 65 bytes: one byte too many, same length.
const SOL_SIG = 'DyXZZCSiBREJ8YZ5cULd7PVdKpbkhHvHJ7otbJmLJajJtRsyq1irMMqKimYeKvRmZ8Sc2qWLhKjYR4ekM8RSzkV';
const SOL_65_BYTES =
  '2kPEuvvNc7uBPKR2NdUvnvAvpmXxG4oNu5nRALoNeYVSHcA3JCKbzYPi8X9e6MUoxJXdG9sNRvC3vFzqxKLJCo2Qh';

/** Per network family: TXIDs and addresses that fit, and ones that do not. */
const CASES: Record<
  Chain,
  { networks: string[]; txids: string[]; badTxids: string[]; addresses: string[]; badAddresses: string[] }
> = {
  bitcoin: {
    networks: ['BTC', 'Bitcoin', 'BTC (SegWit)'],
    // The genesis block's coinbase transaction.
    txids: ['4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b', HEX.toUpperCase()],
    badTxids: [`0x${HEX}`, HEX.slice(1), `${HEX}0`, `${HEX.slice(1)}g`],
    addresses: [
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
      'bc1qw508d6qejxtdg4c6dcqwvj2d9n7q2z3hcfw6rq',
      'BC1QW508D6QEJXTDG4C6DCQWVJ2D9N7Q2Z3HCFW6RQ',
      'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
    ],
    badAddresses: [
      '0x52908400098527886E0F7030069857D2E4169EE7',
      'bc1qW508d6qejxtdg4c6dcqwvj2d9n7q2z3hcfw6rq', // mixed case
      'bc1qw508d6qejxtdg4c6dcqwvj2d9n7q2z3hcfw6rb', // b is not a bech32 character
      '2A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    ],
  },
  evm: {
    networks: [
      'ERC20',
      'Ethereum',
      'BEP20',
      'BNB Smart Chain (BEP20)',
      'Polygon',
      'Arbitrum One',
      'Base',
      'OP',
    ],
    txids: [`0x${HEX}`, `0x${HEX.toUpperCase()}`],
    badTxids: [HEX, `0x${HEX.slice(2)}`, `0X${HEX}`, `0x${HEX}00`, 'W202611240016'],
    addresses: ['0xdAC17F958D2ee523a2206206994597C13D831ec7', '0x52908400098527886e0f7030069857d2e4169ee7'],
    badAddresses: [
      'dAC17F958D2ee523a2206206994597C13D831ec7',
      '0xdAC17F958D2ee523a2206206994597C13D831ec', // 39 hex
      '0xdAC17F958D2ee523a2206206994597C13D831ecZ',
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    ],
  },
  tron: {
    networks: ['TRC20', 'TRON', 'trx'],
    txids: [HEX, HEX.toUpperCase()],
    // The old expectation was wrong: a Tron transaction id has no 0x.
    badTxids: [`0x${HEX}`, HEX.slice(2), SOL_SIG],
    addresses: ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    badAddresses: [
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6', // 33 characters
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60', // 0 is not base58
      'AR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      '0xdAC17F958D2ee523a2206206994597C13D831ec7',
    ],
  },
  solana: {
    networks: ['SOL', 'Solana', 'SPL'],
    txids: [SOL_SIG],
    badTxids: [HEX, `0x${HEX}`, SOL_65_BYTES, SOL_SIG.slice(0, 60), `${SOL_SIG.slice(0, -1)}0`],
    addresses: [
      'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
      '11111111111111111111111111111111',
      'VFK2c8MFRLomFqJyGewoidHUYKGLkYrhpBPC9Nh1Yky',
    ],
    badAddresses: [
      'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEG', // 25 bytes (a Tron-sized key)
      '1EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', // a leading zero byte: 33 bytes
      'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1vv', // 33 bytes
      '0xdAC17F958D2ee523a2206206994597C13D831ec7',
      'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDtlv', // l is not base58
    ],
  },
  ton: {
    networks: ['TON', 'Toncoin'],
    txids: [
      HEX,
      'AyA9WneUsc7rCCVCX3yZttPwDSpHZIGeu9j1Ei9MaYY',
      'AyA9WneUsc7rCCVCX3yZttPwDSpHZIGeu9j1Ei9MaYY=',
    ],
    badTxids: [`0x${HEX}`, 'AyA9WneUsc7rCCVCX3yZttPwDSpHZIGeu9j1Ei9MaY', SOL_SIG],
    addresses: [
      'EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF',
      'UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff+W72r5gqPrHF',
      '0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e',
      '-1:fcb91a3a3816d0f7b8c2c76108b8a9bc5a6b7a55bd79f8ab101c52db29232260',
    ],
    badAddresses: [
      'EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrH',
      '0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3',
      'ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e',
    ],
  },
  xrp: {
    networks: ['XRP', 'Ripple', 'XRPL'],
    txids: ['1C15FEA3E1D50F96B6598607FC773FF1F6E0125F30160144BE0C5CBC52F5151B'],
    badTxids: ['0x1C15FEA3E1D50F96B6598607FC773FF1F6E0125F30160144BE0C5CBC52F5151B', SOL_SIG],
    addresses: ['r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59', 'rrrrrrrrrrrrrrrrrrrrrhoLvTp'],
    badAddresses: ['r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk590', 'x9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59', 'r9cZA1'],
  },
  litecoin: {
    networks: ['LTC', 'Litecoin'],
    txids: [HEX],
    badTxids: [`0x${HEX}`],
    addresses: ['LQ3B36Yv2rBTxdgAdYpU2UcEZsaNwXeATk', 'ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea'],
    badAddresses: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bc1qw508d6qejxtdg4c6dcqwvj2d9n7q2z3hcfw6rq'],
  },
  dogecoin: {
    networks: ['DOGE', 'Dogecoin'],
    txids: [HEX],
    badTxids: [`0x${HEX}`],
    addresses: ['DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L'],
    badAddresses: ['DH5yaieqoZN36fDVciNyRueRGvGLR3mr7', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
  },
};

const NOW = Date.parse('2026-11-24T12:00:00Z');
const TXID: FieldRule = { key: 'txid', type: 'txid', required: false };
const ADDRESS: FieldRule = { key: 'address', type: 'address', required: false };

describe('TXID and address shapes per network', () => {
  for (const [chain, c] of Object.entries(CASES) as Array<[Chain, (typeof CASES)[Chain]]>) {
    it(`${chain}: ${c.networks.join(', ')}`, () => {
      for (const network of c.networks) expect(chainOf(network), network).toBe(chain);
      for (const v of c.txids) expect(txidFits(v, chain), `txid ${v}`).toBe(true);
      for (const v of c.badTxids) expect(txidFits(v, chain), `bad txid ${v}`).toBe(false);
      for (const v of c.addresses) expect(addressFits(v, chain), `address ${v}`).toBe(true);
      for (const v of c.badAddresses) expect(addressFits(v, chain), `bad address ${v}`).toBe(false);
      // Through the answer check, with the network as the customer picked it.
      const network = c.networks[0];
      expect(checkAnswer(TXID, c.txids[0], { network, now: NOW })).toBeNull();
      expect(checkAnswer(TXID, c.badTxids[0], { network, now: NOW })).toEqual({
        problem: 'bad_format',
        network,
      });
      expect(checkAnswer(ADDRESS, c.addresses[0], { network, now: NOW })).toBeNull();
      expect(checkAnswer(ADDRESS, c.badAddresses[0], { network, now: NOW })).toEqual({
        problem: 'bad_format',
        network,
      });
    });
  }

  it('without a known network, any known shape passes and nonsense does not', () => {
    for (const network of [undefined, '', 'Other', 'Some new chain']) {
      expect(chainOf(network)).toBeNull();
      for (const v of [HEX, `0x${HEX}`, SOL_SIG, 'AyA9WneUsc7rCCVCX3yZttPwDSpHZIGeu9j1Ei9MaYY'])
        expect(checkAnswer(TXID, v, { network, now: NOW }), v).toBeNull();
      for (const v of ['not-a-hash', HEX.slice(3), 'W202611240016'])
        expect(checkAnswer(TXID, v, { network, now: NOW })).toEqual({ problem: 'bad_format' });
      expect(checkAnswer(ADDRESS, 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', { network, now: NOW })).toBeNull();
      expect(checkAnswer(ADDRESS, 'my wallet', { network, now: NOW })).toEqual({ problem: 'bad_format' });
    }
  });
});

describe('amounts, times, ids', () => {
  const amount: FieldRule = { key: 'amount', type: 'amount', required: false };
  const when: FieldRule = { key: 'when', type: 'datetime', required: false };
  const check = (f: FieldRule, v: unknown) => checkAnswer(f, v, { now: NOW })?.problem ?? null;

  it('an amount is positive, plain and has at most 18 decimals', () => {
    for (const ok of ['200', '0.5', '0.000000000000000001', 200, 0.25, 1e-7, ' 12.50 ']) {
      expect(check(amount, ok), String(ok)).toBeNull();
    }
    expect(check(amount, '0')).toBe('not_positive');
    expect(check(amount, '0.000')).toBe('not_positive');
    expect(check(amount, '-5')).toBe('not_positive');
    expect(check(amount, -5)).toBe('not_positive');
    expect(check(amount, '0.0000000000000000001')).toBe('too_many_decimals');
    for (const bad of ['lots', '1,000', '1e5', '0x10', '12.', Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(check(amount, bad), String(bad)).toBe('wrong_type');
    }
    expect(check(amount, '1000000000000000')).toBe('bad_format');
  });

  it('an amount is stored as its exact decimal text, never rounded through a float', () => {
    expect(cleanAnswer(amount, ' 0.123456789012345678 ')).toBe('0.123456789012345678');
    expect(cleanAnswer(amount, 1e-7)).toBe('0.0000001');
    expect(cleanAnswer({ key: 'n', type: 'number', required: false }, '42')).toBe(42);
  });

  it('a time is a date and time, not in the future (5 minutes of clock skew), not ten years back', () => {
    expect(check(when, '2026-11-24T10:00:00Z')).toBeNull();
    expect(check(when, '2026-11-24T20:00+08:00')).toBeNull();
    expect(check(when, '2026-11-24T12:04:00Z')).toBeNull(); // a phone a little ahead
    expect(check(when, '2026-11-24T12:06:00Z')).toBe('in_future');
    expect(check(when, '2026-11-25T12:00:00Z')).toBe('in_future');
    expect(check(when, '2017-01-01T00:00:00Z')).toBeNull();
    expect(check(when, '2016-11-24T11:00:00Z')).toBe('too_old');
    expect(check(when, '1970-01-01T00:00:00Z')).toBe('too_old');
    for (const bad of ['yesterday', '1', '2026-11-24', '2026-13-40T10:00', '24/11/2026 10:00']) {
      expect(check(when, bad), bad).toBe('bad_format');
    }
  });

  it('an id follows the pattern its form gives, and the form is checked for a usable pattern', () => {
    const withdrawal: FieldRule = {
      key: 'withdrawalId',
      type: 'text',
      required: false,
      pattern: 'W\\d{12}',
      example: 'W202611240016',
    };
    expect(check(withdrawal, 'W202611240016')).toBeNull();
    // The whole answer must match, not a part of it.
    expect(check(withdrawal, 'xW202611240016')).toBe('bad_format');
    expect(check(withdrawal, `0x${HEX}`)).toBe('bad_format');
    expect(ruleProblems([withdrawal])).toEqual([]);
    expect(ruleProblems([{ ...withdrawal, pattern: 'W(\\d' }])).toEqual([
      'form.fields.withdrawalId: the pattern is not a valid regular expression',
    ]);
    expect(ruleProblems([{ ...withdrawal, example: 'W1' }])).toEqual([
      'form.fields.withdrawalId: the example does not match the pattern',
    ]);
    expect(ruleProblems([{ ...TXID, pattern: '.*' }])).toEqual([
      'form.fields.txid: only a text field takes a pattern',
    ]);
  });
});

describe('a whole form and its words', () => {
  const form = [
    { key: 'coin', type: 'text', labelZh: '币种', labelEn: 'Coin', required: true },
    {
      key: 'network',
      type: 'select',
      labelZh: '网络',
      labelEn: 'Network',
      required: true,
      options: ['TRC20', 'ERC20'],
    },
    {
      key: 'txid',
      type: 'txid',
      labelZh: '交易哈希 (TXID)',
      labelEn: 'Transaction hash (TXID)',
      required: false,
    },
    { key: 'amount', type: 'amount', labelZh: '数量', labelEn: 'Amount', required: false },
  ] satisfies Array<FieldRule & { labelZh: string; labelEn: string }>;

  it('checks the TXID for the network answered in the same form', () => {
    expect(checkAnswers(form, { coin: 'USDT', network: 'TRC20', txid: HEX, amount: '200' }, NOW)).toEqual({
      ok: true,
      values: { coin: 'USDT', network: 'TRC20', txid: HEX, amount: '200' },
    });
    const wrong = checkAnswers(form, { coin: 'USDT', network: 'TRC20', txid: `0x${HEX}`, amount: '0' }, NOW);
    expect(wrong).toEqual({
      ok: false,
      problems: [
        { key: 'txid', problem: 'bad_format', network: 'TRC20' },
        { key: 'amount', problem: 'not_positive' },
      ],
    });
    expect(checkAnswers(form, { coin: 'USDT', network: 'ERC20', txid: `0x${HEX}` }, NOW).ok).toBe(true);
    // A blank answer is no answer.
    expect(checkAnswers(form, { coin: '  ', network: 'ERC20' }, NOW)).toEqual({
      ok: false,
      problems: [{ key: 'coin', problem: 'required' }],
    });
  });

  it('says what is wrong in plain words, in Chinese and in English', () => {
    const problems = [
      { key: 'txid', problem: 'bad_format' as const, network: 'TRC20' },
      { key: 'amount', problem: 'not_positive' as const },
      { key: 'coin', problem: 'required' as const },
    ];
    expect(describeProblems(form, problems, 'zh-CN')).toBe(
      '交易哈希 (TXID)：TRC20 网络的交易哈希应由 64 位十六进制字符（0–9、a–f）组成，不带 0x；数量：必须大于 0；币种：必填',
    );
    expect(describeProblems(form, problems, 'en')).toBe(
      'Transaction hash (TXID): On TRC20, a TXID is 64 hexadecimal characters (0–9, a–f), without 0x; Amount: Must be more than 0; Coin: Required',
    );
    expect(problemWords(form[2], { problem: 'bad_format', network: 'ERC20' }, 'zh-CN')).toBe(
      'ERC20 网络的交易哈希应以 0x 开头，后接 64 位十六进制字符',
    );
    expect(problemWords(form[2], { problem: 'bad_format' }, 'en')).toMatch(/does not look like a TXID/);
  });
});
