import { describe, expect, it } from 'vitest';
import { translate } from '../lib/i18n.ts';
import { blankWhen, clampWhole, describeWhen, TIME_RULE_ACTIONS } from './time-rule-types.ts';

const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);
const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

describe('time rule screen helpers', () => {
  it('describes each kind of `when` in the list, in both languages', () => {
    const waiting = { type: 'status_for', status: 'pending', amount: 3, unit: 'business_days' } as const;
    expect(describeWhen(waiting, en)).toBe('Pending for 3 working days');
    expect(describeWhen(waiting, zh)).toBe('等待客户达 3 工作日');
    expect(describeWhen({ type: 'sla_due', metrics: ['first_response'], minutesBefore: 30 }, en)).toBe(
      'First response due within 30 min',
    );
    expect(describeWhen({ type: 'sla_due', minutesBefore: 0 }, en)).toBe('any clock at the breach');
    expect(describeWhen({ type: 'sla_due', metrics: [], minutesBefore: 15 }, zh)).toBe(
      '任一时效到期前 15 分钟',
    );
  });

  it('starts each kind of `when` within the API’s schema', () => {
    expect(blankWhen('status_for')).toEqual({
      type: 'status_for',
      status: 'pending',
      amount: 24,
      unit: 'hours',
    });
    expect(blankWhen('sla_due')).toEqual({ type: 'sla_due', metrics: [], minutesBefore: 30 });
  });

  it('keeps numbers whole and within bounds, and offers no webhook action', () => {
    expect(clampWhole('2.6', 1, 10_000)).toBe(3);
    expect(clampWhole('', 1, 10_000)).toBe(1);
    expect(clampWhole('99999', 0, 10_080)).toBe(10_080);
    expect(clampWhole('-4', 0, 10_080)).toBe(0);
    expect(TIME_RULE_ACTIONS).not.toContain('webhook');
    expect(TIME_RULE_ACTIONS).toContain('add_tags');
  });
});
