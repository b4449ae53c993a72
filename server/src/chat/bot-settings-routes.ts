import { Type } from '@fastify/type-provider-typebox';
import { audit } from '../audit/record.ts';
import { agentActor } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import type { App, Services } from '../platform/services.ts';
import { readBotSettings, saveBotSettings } from './bot-settings.ts';

const Greeting = Type.String({ maxLength: 1000 });
const BotSettingsBody = Type.Object(
  {
    greeting: Type.Object({ 'zh-CN': Greeting, en: Greeting }, { additionalProperties: false }),
    handoffWords: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 50 }),
    cards: Type.Integer({ minimum: 1, maximum: 5 }),
    handoffAfterAnswers: Type.Integer({ minimum: 0, maximum: 10 }),
    handoffWhenNothingFound: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** The chat bot's greeting, handoff words, help cards and when it hands over: admins set them. */
export function registerBotSettingsRoutes(app: App, { db }: Services) {
  const tags = ['chat'];
  app.get(
    '/admin/bot',
    { schema: { tags, summary: "The chat bot's settings (admins)" } },
    async (request) => {
      requireAgent(request, 'admin');
      return readBotSettings(db);
    },
  );

  app.put(
    '/admin/bot',
    { schema: { tags, summary: "Set the chat bot's settings (admins)", body: BotSettingsBody } },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const saved = await saveBotSettings(db, request.body);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'bot.update',
        targetType: 'settings',
        targetId: 'bot',
        data: {
          cards: saved.cards,
          handoffAfterAnswers: saved.handoffAfterAnswers,
          handoffWhenNothingFound: saved.handoffWhenNothingFound,
          handoffWords: saved.handoffWords.length,
        },
      });
      return saved;
    },
  );
}
