import { Type } from '@fastify/type-provider-typebox';
import { audit } from '../audit/record.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { agentActor } from './present-agent.ts';
import { requireAgent } from './principal.ts';
import { agents } from './schema.ts';
import { clearLimit, listLimits } from './throttle.ts';

const Scope = Type.Union([
  Type.Literal('address'),
  Type.Literal('pair'),
  Type.Literal('account'),
  Type.Literal('second_factor'),
]);

/** Who is being slowed at sign-in (addresses, accounts, second factors), and clearing it: admins only. */
export function registerSignInLimitRoutes(app: App, { db }: Services) {
  const tags = ['admin'];

  app.get(
    '/admin/sign-in-limits',
    { schema: { tags, summary: 'Addresses, accounts and second factors with recent failed sign-ins' } },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await listLimits(db);
      // Agents are few: name them from one read rather than per row.
      const known = rows.length
        ? await db.select({ id: agents.id, email: agents.email, name: agents.name }).from(agents)
        : [];
      const now = Date.now();
      return {
        items: rows.map((r) => {
          const agent =
            r.scope === 'second_factor'
              ? known.find((a) => a.id === r.key)
              : r.scope === 'address'
                ? undefined
                : known.find((a) => a.email.toLowerCase() === r.key.split(' ')[0]);
          return {
            scope: r.scope,
            key: r.key,
            agent: agent ?? null,
            failures: r.failures,
            blocked: r.blockedUntil.getTime() > now,
            blockedUntil: r.blockedUntil.toISOString(),
            lastFailureAt: r.lastFailureAt.toISOString(),
          };
        }),
      };
    },
  );

  app.post(
    '/admin/sign-in-limits/clear',
    {
      schema: {
        tags,
        summary: 'Forget the failures of one address, account or second factor (audited)',
        body: Type.Object(
          { scope: Scope, key: Type.String({ minLength: 1, maxLength: 400 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const me = requireAgent(request, 'admin');
      if (!(await clearLimit(db, request.body))) throw new AppError('not_found');
      await audit(db, {
        ...agentActor(me.agentId, request),
        action: 'sign_in_limit.clear',
        targetType: `sign_in_limit.${request.body.scope}`,
        targetId: request.body.key,
      });
      return { ok: true };
    },
  );
}
