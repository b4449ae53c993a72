import { Type } from '@fastify/type-provider-typebox';
import { audit } from '../audit/record.ts';
import type { App, Services } from '../platform/services.ts';
import { setupDesk, setupNeeded } from './setup-desk.ts';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Code = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,40}$' });

/**
 * The first-run set-up of a desk started without the demo: answered only while the desk has no
 * admin. Afterwards `POST /setup` answers 409 `setup_done` and the workspace shows the sign-in.
 */
export function registerSetupRoutes(app: App, { db }: Services) {
  const tags = ['setup'];
  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Whether this desk still needs its first-run set-up',
        response: { 200: Type.Object({ needed: Type.Boolean() }) },
      },
    },
    async () => ({ needed: await setupNeeded(db) }),
  );

  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Set up an empty desk: brand, official domains and mailboxes, first admin, team, category',
        description:
          'Only while no admin exists (409 `setup_done` afterwards). Sign in with the admin afterwards; two-factor is offered in the workspace settings.',
        body: Type.Object(
          {
            desk: Type.Object(
              {
                name: Name,
                nameZh: Type.String({ maxLength: 100 }),
                ticketPrefix: Type.String({ pattern: '^[A-Z]{1,6}$' }),
              },
              { additionalProperties: false },
            ),
            domains: Type.Array(Type.String({ minLength: 3, maxLength: 253 }), { maxItems: 20 }),
            mailboxes: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), { maxItems: 20 }),
            admin: Type.Object(
              {
                email: Type.String({ format: 'email', maxLength: 320 }),
                name: Name,
                password: Type.String({ minLength: 1, maxLength: 1024 }),
              },
              { additionalProperties: false },
            ),
            language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
            timeZone: Type.String({ minLength: 1, maxLength: 64 }),
            chinaHolidays: Type.Boolean(),
            team: Type.Object({ code: Code, nameZh: Name, nameEn: Name }, { additionalProperties: false }),
            category: Type.Object(
              { code: Code, nameZh: Name, nameEn: Name },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const result = await setupDesk(db, request.body);
      await audit(db, {
        actorType: 'anonymous',
        actorId: result.adminId,
        action: 'desk.set_up',
        targetType: 'desk',
        data: {
          desk: request.body.desk.name,
          team: request.body.team.code,
          category: request.body.category.code,
        },
        ip: request.ip,
      });
      reply.code(201);
      return { adminEmail: result.adminEmail };
    },
  );
}
