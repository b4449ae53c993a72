import { describe, expect, it } from 'vitest';
import { blankWebhook, lastError, responseCodes, webhookBody, webhookState } from './webhook-types.ts';

describe('webhook screen helpers', () => {
  it('shows a subscription stopped after failures as disabled, even though the API keeps it active', () => {
    expect(webhookState({ active: true, disabledAt: null })).toBe('on');
    expect(webhookState({ active: false, disabledAt: null })).toBe('off');
    expect(webhookState({ active: true, disabledAt: '2026-12-03T10:00:00.000Z' })).toBe('disabled');
    expect(webhookState({ active: false, disabledAt: '2026-12-03T10:00:00.000Z' })).toBe('disabled');
  });

  it('lists every attempt’s answer in order and the last error', () => {
    const log = [
      { at: '2026-12-03T10:00:00.000Z', status: 500, error: 'HTTP 500', ms: 12 },
      { at: '2026-12-03T10:00:02.000Z', status: null, error: 'connect ECONNREFUSED', ms: 3 },
      { at: '2026-12-03T10:00:06.000Z', status: 204, error: null, ms: 9 },
    ];
    expect(responseCodes({ log }, '—')).toBe('500, —, 204');
    expect(lastError({ log })).toBeNull();
    expect(lastError({ log: log.slice(0, 2) })).toBe('connect ECONNREFUSED');
    expect(responseCodes({ log: [] }, '—')).toBe('');
  });

  it('sends `active` only when changing a subscription (the create route refuses it)', () => {
    const draft = { ...blankWebhook(), name: 'ERP', url: ' https://erp.example/hook ', active: false };
    expect(webhookBody(draft, true)).toEqual({
      name: 'ERP',
      url: 'https://erp.example/hook',
      events: ['ticket.created'],
      match: 'all',
      filter: [],
    });
    expect(webhookBody(draft, false)).toMatchObject({ url: 'https://erp.example/hook', active: false });
  });
});
