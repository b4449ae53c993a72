import type { ArticleCard, ChatLanguage } from '../../../shared/chat-protocol.ts';

/** What the bot reads from: the help center's search (wired by the app; tests pass their own). */
export interface BotKnowledge {
  search(
    query: string,
    lang: 'zh-CN' | 'en',
    limit: number,
  ): Promise<Array<{ id: string; title: string; excerpt: string; url: string }>>;
}

/** Used when the app is given no knowledge: the bot finds nothing and offers a person at once. */
export const emptyKnowledge: BotKnowledge = { search: async () => [] };

/** Full-width ASCII (Ｈｕｍａｎ, ？) to half-width, lower case, spaces squeezed. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const HANDOFF_PATTERNS: RegExp[] = [
  /转\s*人\s*工/,
  /人\s*工\s*(客\s*服|服\s*务|坐\s*席)?/,
  /真\s*人/,
  /找\s*客\s*服/,
  /\bhuman(s)?\b/,
  /\b(live\s+|real\s+)?agent\b/,
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|some\s*)?(person|human|agent|someone|representative|rep|operator)\b/,
  /\breal\s+person\b/,
  /\b(customer\s+service|representative|operator)\b/,
];

/** The customer asks for a person (转人工, 人工客服, 真人, human, agent, "talk to a person" …). */
export function wantsHuman(text: string): boolean {
  const t = normaliseText(text);
  return HANDOFF_PATTERNS.some((p) => p.test(t));
}

const ANGER_WORDS = [
  '垃圾',
  '骗子',
  '投诉',
  '没用',
  '废物',
  '气死',
  '坑',
  '搞什么',
  '什么鬼',
  '怎么回事',
  'useless',
  'scam',
  'ridiculous',
  'angry',
  'terrible',
  'complain',
  'wtf',
  'stupid',
];

/** Signs the bot is not helping: only question marks, "??" repeated, or anger words. */
export function soundsFrustrated(text: string): boolean {
  const t = normaliseText(text);
  if (/^[?？!！.。\s]+$/.test(t) && t.length > 0) return true;
  if (/[?]{2,}/.test(t)) return true;
  return ANGER_WORDS.some((w) => t.includes(w));
}

export interface BotReply {
  body: string;
  cards: ArticleCard[];
  offerHandoff: boolean;
}

const TEXT = {
  'zh-CN': {
    greeting:
      '您好，我是 Lumen 智能助手（机器人，不是真人）。请描述您的问题，我会先从帮助中心为您查找答案；需要人工时请发送「转人工」。客服绝不会向您索要密码、私钥、助记词或验证码。',
    found: '我是机器人，为您找到以下帮助文章，请看是否解决了您的问题：',
    nothing: '我是机器人，没有在帮助中心找到相关答案。需要为您转接人工客服吗？',
    offer: '看起来我没能帮到您，抱歉。点击「转人工」即可联系人工客服。',
    solved: '如果问题已解决，可以结束对话；如果没有，请发送「转人工」。',
  },
  en: {
    greeting:
      'Hello, I am Lumen\'s assistant (a bot, not a person). Describe your problem and I will look in the help center first; type "human" to reach a person. Support will never ask for your password, private key, seed phrase or codes.',
    found: 'I am a bot. These help-center articles may answer your question:',
    nothing: 'I am a bot and found nothing in the help center for this. Shall I connect you to a person?',
    offer: 'It looks like I could not help, sorry. Press "Talk to a person" to reach our support team.',
    solved: 'If this solved it you can end the chat; if not, type "human".',
  },
} as const;

export function greeting(lang: ChatLanguage): string {
  return TEXT[lang].greeting;
}

/**
 * The bot's answer to one customer message. `previousAnswers` counts the bot's earlier answers:
 * after two of them, question marks or anger offer the handoff instead of another search.
 */
export async function botAnswer(
  knowledge: BotKnowledge,
  text: string,
  lang: ChatLanguage,
  previousAnswers: number,
  /** How many help cards to offer (the admin's bot settings). */
  limit = 3,
): Promise<BotReply> {
  const t = TEXT[lang];
  if (previousAnswers >= 2 && soundsFrustrated(text)) {
    return { body: t.offer, cards: [], offerHandoff: true };
  }
  const found = await knowledge.search(text, lang, limit).catch(() => []);
  if (found.length === 0) return { body: t.nothing, cards: [], offerHandoff: true };
  const cards = found.map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt, url: a.url }));
  const list = cards.map((c, i) => `${i + 1}. ${c.title} — ${c.url}`).join('\n');
  return { body: `${t.found}\n${list}\n${t.solved}`, cards, offerHandoff: previousAnswers >= 1 };
}
