import { Type } from '@fastify/type-provider-typebox';
import { createCustomerTokenVerifier } from '../identity/customer-token.ts';
import { requireCustomer } from '../identity/principal.ts';
import { openCustomerSession } from '../identity/sessions.ts';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';
import type { App, Services } from '../platform/services.ts';
import { createVisitor, getCustomer, presentCustomer, upsertCustomerByUid } from './repository.ts';

export function registerCustomerRoutes(app: App, { db, config }: Services) {
  const verify = createCustomerTokenVerifier(config.customerJwt);
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
          "at most one hour long), the session is that customer's. Without it, a new anonymous visitor. " +
          'Returns a `kfc_…` bearer token for the other customer routes.',
        body: Type.Object(
          { identityToken: Type.Optional(Type.String({ minLength: 10, maxLength: 8192 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const customer = request.body.identityToken
        ? await upsertCustomerByUid(db, await verify(request.body.identityToken))
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
