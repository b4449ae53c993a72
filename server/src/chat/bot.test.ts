import { describe, expect, it } from 'vitest';
import { type BotKnowledge, botAnswer, soundsFrustrated, wantsHuman } from './bot.ts';

describe('the chat bot', () => {
  it('hears a request for a person in its usual forms, any case or width', () => {
    for (const text of [
      '转人工',
      '转 人工',
      '我要人工客服',
      '人工',
      '找真人',
      'HUMAN',
      'Ｈｕｍａｎ please',
      'can I talk to a person?',
      'Speak with someone',
      'agent',
      'live agent pls',
      'real person',
    ]) {
      expect(wantsHuman(text), text).toBe(true);
    }
    for (const text of ['提现没到账', 'how do I reset 2FA', 'my deposit is missing', '你好']) {
      expect(wantsHuman(text), text).toBe(false);
    }
  });

  it('offers a person after two answers when the customer only asks "?" or gets angry', async () => {
    expect(soundsFrustrated('？？？')).toBe(true);
    expect(soundsFrustrated('这什么垃圾回答')).toBe(true);
    expect(soundsFrustrated('ok thanks')).toBe(false);
    const knowledge: BotKnowledge = {
      search: async () => [{ id: '1', title: 'Deposits', excerpt: '…', url: '/help/deposits' }],
    };
    const early = await botAnswer(knowledge, '???', 'zh-CN', 1);
    expect(early.cards.length).toBe(1);
    const late = await botAnswer(knowledge, '???', 'zh-CN', 2);
    expect(late).toMatchObject({ cards: [], offerHandoff: true });
    expect(late.body).toContain('转人工');
  });

  it('says it is a bot, and offers a person when it finds nothing', async () => {
    const none = await botAnswer({ search: async () => [] }, 'where is my BTC', 'en', 0);
    expect(none.body).toMatch(/bot/);
    expect(none.offerHandoff).toBe(true);
  });
});
