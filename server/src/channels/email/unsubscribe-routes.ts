import { Type } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.ts';
import type { App, Services } from '../../platform/services.ts';
import { verifyUnsubscribe } from './automatic-mail.ts';
import { emailAddresses } from './schema.ts';

const Link = Type.Object({
  a: Type.String({ minLength: 4, maxLength: 400 }),
  t: Type.String({ minLength: 22, maxLength: 22 }),
});

/**
 * The List-Unsubscribe link of notification mails: signed, no sign-in. A mail client's one-click
 * POST (RFC 8058) and a person opening the link both opt the address out of notifications;
 * replies from agents still arrive.
 */
export function registerUnsubscribeRoutes(app: App, { db, config }: Services) {
  const handler = async (query: { a: string; t: string }) => {
    const address = verifyUnsubscribe(config.appSecret, query.a, query.t);
    if (!address) throw new AppError('email_unsubscribe_invalid');
    await db
      .insert(emailAddresses)
      .values({ address, unsubscribed: true })
      .onConflictDoUpdate({
        target: emailAddresses.address,
        set: { unsubscribed: true, updatedAt: sql`now()` },
      });
    return { unsubscribed: true };
  };
  const schema = { tags: ['email'], querystring: Link };
  app.get(
    '/email/unsubscribe',
    { config: { public: true }, schema: { ...schema, summary: 'Stop notification mails (signed link)' } },
    (request) => handler(request.query),
  );
  app.post(
    '/email/unsubscribe',
    { config: { public: true }, schema: { ...schema, summary: 'One-click unsubscribe (RFC 8058)' } },
    (request) => handler(request.query),
  );
}
