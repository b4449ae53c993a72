import { describe, expect, it } from 'vitest';
import { fillTemplate } from './template.ts';

const ctx = {
  customer: { name: '王小明', uid: '10000001', email: null },
  ticket: { number: 'KF-000042', title: '提现' },
  agent: { name: '林晓', email: 'lin@lumen-exchange.example' },
};

describe('canned reply variables', () => {
  it('fills known variables, blanks missing values, keeps unknown ones visible', () => {
    expect(fillTemplate('{{customer.name}} 您好，工单 {{ ticket.number }}。—— {{agent.name}}', ctx)).toBe(
      '王小明 您好，工单 KF-000042。—— 林晓',
    );
    expect(fillTemplate('[{{customer.email}}]', ctx)).toBe('[]');
    expect(fillTemplate('{{customer.password}} {{order.id}}', ctx)).toBe(
      '{{customer.password}} {{order.id}}',
    );
  });
});
