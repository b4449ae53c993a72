import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { presentAgent } from '../identity/present-agent.ts';
import { requireAgent } from '../identity/principal.ts';
import { agents } from '../identity/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What an agent sets for themselves: the workspace language and the time zone times are shown in. */
export function registerPreferenceRoutes(app: App, { db }: Services) {
  app.patch(
    '/me/preferences',
    {
      schema: {
        tags: ['workspace'],
        summary: 'My language and time zone',
        body: Type.Object(
          {
            language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
            timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request);
      const { language, timeZone } = request.body;
      if (timeZone !== undefined && !isTimeZone(timeZone)) {
        throw new AppError('validation_failed', { detail: 'timeZone: unknown time zone' });
      }
      const [row] = await db
        .update(agents)
        .set({ ...(language ? { language } : {}), ...(timeZone ? { timeZone } : {}) })
        .where(eq(agents.id, me.agentId))
        .returning();
      return presentAgent(row!);
    },
  );
}
