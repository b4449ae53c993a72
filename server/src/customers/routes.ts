import { Type } from '@fastify/type-provider-typebox';
import { createCustomerTokenVerifier } from '../identity/customer-token.ts';
import { requireCustomer } from '../identity/principal.ts';
import { openCustomerSession } from '../identity/sessions.ts';
import { usedTokenStore } from '../identity/used-tokens.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import {
  createVisitor,
  getCustomer,
  isSingleAddress,
  presentCustomer,
  upsertCustomerByUid,
} from './repository.ts';
import { assertVisitorPace } from './visitors.ts';

export function registerCustomerRoutes(app: App, { db, config }: Services, limiter: RateLimiter) {
  const verify = createCustomerTokenVerifier(config.customerJwt, usedTokenStore(db));
  const tags = ['customer'];

  app.post(
    '/customer/session',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Open a customer session from the host app's identity token, or as a visitor",
        description:
          'With `identityToken` (a JWT the host app signs, carrying uid/sub, name, email, language, region, ' +
          'at most one hour from the earlier of its `iat` and the server clock, `iat` not ahead of the server clock ' +
          "by over 30 s, each `jti` accepted once), the session is that customer's. Without it, a new anonymous " +
          'visitor (at most VISITOR_SESSIONS_PER_10MIN per address, then 429). ' +
          'Returns a `kfc_…` bearer token for the other customer routes.',
        body: Type.Object(
          { identityToken: Type.Optional(Type.String({ minLength: 10, maxLength: 8192 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      if (!request.body.identityToken)
        await assertVisitorPace(limiter, request.ip, config.visitorSessionsPer10Minutes);
      const facts = request.body.identityToken ? await verify(request.body.identityToken) : null;
      // The email claim must be one proper address (#20.12).
      if (facts?.email != null && !isSingleAddress(facts.email)) throw new AppError('invalid_identity_token');
      const customer = facts
        ? await upsertCustomerByUid(db, facts)
        : await createVisitor(db, requestLanguage(request));
      const session = await openCustomerSession(db, customer.id);
      return reply.status(201).send({
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        customer: presentCustomer(customer),
      });
    },
  );

  app.get('/me', { schema: { tags, summary: 'Who I am (customer)' } }, async (request) => {
    const me = requireCustomer(request);
    const customer = await getCustomer(db, me.customerId);
    if (!customer) throw new AppError('unauthenticated');
    return presentCustomer(customer);
  });
}
