import { eq } from 'drizzle-orm';
import type { ChatLanguage } from '../../../shared/chat-protocol.ts';
import type { Executor } from '../db/client.ts';
import { settings } from '../desk/schema.ts';
import { normaliseText } from './bot.ts';

/**
 * How the chat bot behaves, as an admin sets it (the `bot` setting). Left unset, the bot behaves
 * as it always did: built-in greeting, three help cards, a person offered but not forced.
 */
export interface BotSettings {
  /** Per language; empty = the built-in greeting. */
  greeting: Record<ChatLanguage, string>;
  /**
   * Words that send the customer to a person, on top of the built-in ones (转人工, 人工, human …),
   * which always apply: a customer asking for a person must never be kept by the bot.
   */
  handoffWords: string[];
  /** Help-center articles per answer, 1–5. */
  cards: number;
  /** After this many bot answers, the next message goes to a person; 0 = only when asked. */
  handoffAfterAnswers: number;
  /** When the help center finds nothing (the bot has no answer), hand over at once instead of offering. */
  handoffWhenNothingFound: boolean;
}

export const DEFAULT_BOT_SETTINGS: BotSettings = {
  greeting: { 'zh-CN': '', en: '' },
  handoffWords: [],
  cards: 3,
  handoffAfterAnswers: 0,
  handoffWhenNothingFound: false,
};

export async function readBotSettings(db: Executor): Promise<BotSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'bot'));
  const stored = (row?.value ?? {}) as Partial<BotSettings>;
  return {
    ...DEFAULT_BOT_SETTINGS,
    ...stored,
    greeting: { ...DEFAULT_BOT_SETTINGS.greeting, ...stored.greeting },
  };
}

export async function saveBotSettings(db: Executor, value: BotSettings): Promise<BotSettings> {
  const clean: BotSettings = {
    ...value,
    greeting: { 'zh-CN': value.greeting['zh-CN'].trim(), en: value.greeting.en.trim() },
    // Stored as typed (trimmed, each once); matched normalised (full-width, case, spaces).
    handoffWords: [...new Set(value.handoffWords.map((w) => w.trim()).filter(Boolean))],
  };
  await db
    .insert(settings)
    .values({ key: 'bot', value: clean })
    .onConflictDoUpdate({ target: settings.key, set: { value: clean, updatedAt: new Date() } });
  return clean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the message holds one of the admin's handoff words. Latin words match whole words
 * ("agent" not in "agentic"); Chinese has no spaces, so a Chinese word matches anywhere.
 */
export function saysHandoffWord(text: string, words: string[]): boolean {
  const t = normaliseText(text);
  return words.some((word) => {
    const w = normaliseText(word);
    if (!w) return false;
    return /^[\p{Script=Latin}\d\s'-]+$/u.test(w)
      ? new RegExp(`(^|\\W)${escapeRegExp(w)}($|\\W)`, 'u').test(t)
      : t.includes(w);
  });
}
