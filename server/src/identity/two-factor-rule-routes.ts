import { Type } from '@fastify/type-provider-typebox';
import { audit } from '../audit/record.ts';
import type { App, Services } from '../platform/services.ts';
import { agentActor } from './present-agent.ts';
import { requireAgent } from './principal.ts';
import { readTwoFactorRule, saveTwoFactorRule } from './two-factor-rule.ts';

const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]);

/** Which roles must sign in with two-factor: admins read and set it. */
export function registerTwoFactorRuleRoutes(app: App, { db }: Services) {
  const tags = ['admin'];
  app.get(
    '/admin/two-factor-rule',
    { schema: { tags, summary: 'Which roles must use two-factor sign-in' } },
    async (request) => {
      requireAgent(request, 'admin');
      return readTwoFactorRule(db);
    },
  );

  app.put(
    '/admin/two-factor-rule',
    {
      schema: {
        tags,
        summary: 'Require two-factor of these roles (an agent without it must enrol before using the desk)',
        body: Type.Object(
          { roles: Type.Array(RoleSchema, { maxItems: 3 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      const rule = await saveTwoFactorRule(db, request.body);
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'two_factor_rule.update',
        targetType: 'settings',
        targetId: 'two_factor_rule',
        data: { roles: rule.roles },
      });
      return rule;
    },
  );
}
