import { describe, expect, it } from 'vitest';
import { translate } from '../lib/i18n.ts';
import type { HistoryEvent, Language } from '../lib/types.ts';
import { describeHistory, type HistoryLookups } from './history-words.ts';

const lookups = (language: Language): HistoryLookups => ({
  language,
  t: (key, params) => translate(language, key, params),
  agents: [],
  teams: [],
  categories: [],
  customFields: [{ key: 'vip_level', labelZh: 'VIP 等级', labelEn: 'VIP level' }],
});
const event = (kind: string, to: unknown, from: unknown = null): HistoryEvent => ({
  seq: 1,
  kind,
  actorType: 'system',
  actorId: null,
  from,
  to,
  at: '2026-12-02T08:00:00.000Z',
});

describe('history sentences of side conversations and custom fields', () => {
  it('names the conversation, its partner and the custom field by its label, in both languages', () => {
    const conv = { id: 'c1', name: 'TRC20 delay', to: ['ops@partner.example'] };
    const cases: Array<[HistoryEvent, string, string]> = [
      [event('side_conversation_started', conv), 'TRC20 delay', 'ops@partner.example'],
      [event('side_conversation_message', conv), 'TRC20 delay', 'ops@partner.example'],
      [
        event('side_conversation_reply', { ...conv, from: 'ops@partner.example', verified: false }),
        'ops@partner.example',
        'TRC20 delay',
      ],
      [event('side_conversation_closed', conv), 'TRC20 delay', 'TRC20 delay'],
      [event('side_conversation_reopened', conv), 'TRC20 delay', 'TRC20 delay'],
      [
        event('side_conversation_send_failed', { ...conv, error: '550 no such user' }),
        '550 no such user',
        'TRC20 delay',
      ],
    ];
    for (const language of ['en', 'zh-CN'] as const) {
      const other = translate(language, 'history.other', { kind: '' });
      for (const [e, a, b] of cases) {
        const text = describeHistory(e, lookups(language));
        expect(text, `${language} ${e.kind}`).toContain(a);
        expect(text, `${language} ${e.kind}`).toContain(b);
        expect(text.startsWith(other.trim()), `${language} ${e.kind}`).toBe(false);
        expect(text).not.toMatch(/[{}]|c1/);
      }
      const unverified = describeHistory(cases[2]![0], lookups(language));
      const verified = describeHistory(
        event('side_conversation_reply', { ...conv, from: 'ops@partner.example', verified: true }),
        lookups(language),
      );
      expect(unverified).not.toBe(verified);
    }
    // Held in a Telegram group: the group and the platform, no mail words, no "not verified".
    const viaGroup = { id: 'c2', name: 'ERC20 check', to: ['telegram:-1009001'], via: 'telegram' };
    const reply = { ...viaGroup, from: 'Alice Wang (telegram 12345)', verified: false };
    expect(describeHistory(event('side_conversation_started', viaGroup), lookups('en'))).toBe(
      'Side conversation “ERC20 check” started in the Telegram group -1009001',
    );
    expect(describeHistory(event('side_conversation_message', viaGroup), lookups('zh-CN'))).toBe(
      '在协作会话“ERC20 check”中向 Telegram 群 -1009001 发送消息',
    );
    expect(describeHistory(event('side_conversation_reply', reply), lookups('en'))).toBe(
      'Reply from Alice Wang (telegram 12345) in side conversation “ERC20 check” (Telegram group)',
    );
    expect(
      describeHistory(
        event('side_conversation_send_failed', { ...viaGroup, error: 'blocked' }),
        lookups('en'),
      ),
    ).toBe('Side conversation “ERC20 check”: the message could not be sent (blocked)');
    const fields = event('fields', { vip_level: 'gold' }, { vip_level: null });
    expect(describeHistory(fields, lookups('en'))).toContain('VIP level');
    expect(describeHistory(fields, lookups('zh-CN'))).toContain('VIP 等级');
    // A customer's field change, as its tickets' history shows it.
    const customer = event('customer_fields', { vip_level: 'gold' }, { vip_level: null });
    expect(describeHistory(customer, lookups('en'))).toBe('Customer fields changed: VIP level');
    expect(describeHistory(customer, lookups('zh-CN'))).toBe('客户字段已修改：VIP 等级');
  });
});
