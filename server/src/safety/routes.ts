import { Type } from '@fastify/type-provider-typebox';
import { asc, desc, eq } from 'drizzle-orm';
import { auditLog } from '../audit/schema.ts';
import { getCustomer } from '../customers/repository.ts';
import { requireAgent, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { registerChannelRoutes } from './channel-routes.ts';
import { civilityLimitsFor } from './civility.ts';
import { registerCivilityHooks } from './civility-hooks.ts';
import { registerCustomerSafetyCheck } from './customer-check.ts';
import { deskRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { registerRestrictionAdminRoutes } from './restriction-admin-routes.ts';
import { restrictCustomer, restrictionOf } from './restrictions.ts';
import { scanText } from './scan.ts';
import { safetyFindings } from './schema.ts';
import type { VerificationCodeLookup } from './verify.ts';
import { registerVerifyRoute } from './verify-route.ts';

export interface SafetyOptions {
  /** The email capability's code store, wired at merge; without it codes are answered "unknown". */
  lookupCode?: VerificationCodeLookup | null;
  /** Tests pass their own limiter; otherwise Redis when REDIS_URL is set, else memory. */
  limiter?: RateLimiter;
}

/** Safety and civility: the scan API, findings, restrictions, the channel registry, verify, limits. */
export function registerSafetyRoutes(app: App, services: Services, options: SafetyOptions = {}) {
  const { db } = services;
  const limiter = options.limiter ?? deskRateLimiter(services.config, services.degradation);
  app.addHook('onClose', async () => limiter.close());
  registerCivilityHooks(app, limiter, civilityLimitsFor(services.config.customerPace));
  registerVerifyRoute(app, services, limiter, options.lookupCode ?? null);
  registerChannelRoutes(app, services);
  registerCustomerSafetyCheck(app, limiter);
  registerRestrictionAdminRoutes(app, services);

  app.post(
    '/safety/scan',
    {
      schema: {
        tags: ['safety'],
        summary: 'Find and mask secrets (and, from an agent, requests for secrets) in a text',
        body: Type.Object(
          {
            text: Type.String({ maxLength: 20_000 }),
            from: Type.Union([Type.Literal('customer'), Type.Literal('agent')]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireStaff(request, 'safety:scan');
      const { findings, masked } = scanText(request.body.text, { from: request.body.from });
      return { findings, masked };
    },
  );

  app.get(
    '/safety/blocked-requests',
    {
      schema: {
        tags: ['safety'],
        summary: 'Staff messages stopped because they asked a customer for a secret (supervisors)',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
      },
    },
    async (request) => {
      requireAgent(request, 'supervisor');
      const rows = await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'safety.secret_request_blocked'))
        .orderBy(desc(auditLog.at))
        .limit(request.query.limit)
        .offset(request.query.offset);
      return {
        items: rows.map((r) => ({
          id: r.id,
          actorType: r.actorType,
          actorId: r.actorId,
          ticketId: r.targetId,
          findings: (r.data as { findings?: unknown } | null)?.findings ?? [],
          at: r.at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/tickets/:id/safety-findings',
    {
      schema: {
        tags: ['safety'],
        summary: 'What was hidden or flagged in a ticket (kind and position only)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      requireAgent(request);
      const rows = await db
        .select()
        .from(safetyFindings)
        .where(eq(safetyFindings.ticketId, request.params.id))
        .orderBy(asc(safetyFindings.createdAt));
      return {
        items: rows.map(({ messageId, field, kind, start, end, createdAt }) => ({
          messageId,
          field,
          kind,
          start,
          end,
          createdAt: createdAt.toISOString(),
        })),
      };
    },
  );

  const CustomerRef = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get(
    '/customers/:id/restriction',
    { schema: { tags: ['safety'], summary: 'Whether a customer is muted or blocked', params: CustomerRef } },
    async (request) => {
      requireAgent(request);
      const r = await restrictionOf(db, request.params.id);
      return { kind: r.kind, until: r.until?.toISOString() ?? null, reason: r.reason };
    },
  );

  app.put(
    '/customers/:id/restriction',
    {
      schema: {
        tags: ['safety'],
        summary: 'Mute a customer for a time, block them, or lift it (kind "none"); audited',
        params: CustomerRef,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('muted'), Type.Literal('blocked'), Type.Literal('none')]),
            minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 * 24 * 30 })),
            reason: Type.String({ maxLength: 500, default: '' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const agent = requireAgent(request);
      if (!(await getCustomer(db, request.params.id))) throw new AppError('not_found');
      const r = await restrictCustomer(
        db,
        request.params.id,
        { kind: request.body.kind, minutes: request.body.minutes ?? null, reason: request.body.reason },
        { agentId: agent.agentId, ip: request.ip },
      );
      return { kind: r.kind, until: r.until?.toISOString() ?? null, reason: r.reason };
    },
  );
}
