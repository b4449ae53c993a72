import { describe, expect, it } from 'vitest';
import { cleanField, formHints, freshKey } from './form-model.ts';

const field = (over: Record<string, unknown>) => ({
  key: 'orderId',
  type: 'text' as const,
  labelZh: '单号',
  labelEn: 'Order id',
  required: false,
  ...over,
});

describe('the form builder model', () => {
  it('sends only what a field type takes', () => {
    expect(cleanField(field({ type: 'txid', pattern: 'x', options: ['a'], maxLength: 5 }))).toEqual({
      key: 'orderId',
      type: 'txid',
      labelZh: '单号',
      labelEn: 'Order id',
      required: false,
    });
    expect(cleanField(field({ type: 'select', options: [' TRC20 ', '', 'ERC20'] })).options).toEqual([
      'TRC20',
      'ERC20',
    ]);
    expect(cleanField(field({ pattern: 'W\\d+', example: 'W1', maxLength: 20 }))).toMatchObject({
      pattern: 'W\\d+',
      example: 'W1',
      maxLength: 20,
    });
  });

  it('names what the server would refuse, before saving', () => {
    const hints = formHints([
      field({}),
      field({ type: 'select', options: [] }),
      field({ key: 'Bad key', pattern: '(' }),
      field({ key: 'ok', pattern: 'W\\d{3}', example: 'W12' }),
    ]).map(([key, params]) => `${key}:${params.key}`);
    expect(hints).toEqual([
      'field.problem.keyTwice:orderId',
      'field.problem.noOptions:orderId',
      'field.problem.badKey:Bad key',
      'field.problem.badPattern:Bad key',
      'field.problem.exampleMisses:ok',
    ]);
    expect(formHints([field({ pattern: 'W\\d{3}', example: 'W123' })])).toEqual([]);
  });

  it('gives a new field a key not used yet', () => {
    expect(freshKey([])).toBe('field');
    expect(freshKey([field({ key: 'field' }), field({ key: 'field2' })])).toBe('field3');
  });
});
