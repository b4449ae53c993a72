import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import { audit } from '../../audit/record.ts';
import type { EmailConfig } from '../../config/email-config.ts';
import type { Executor } from '../../db/client.ts';
import { categories, teams } from '../../desk/schema.ts';
import { agentActor } from '../../identity/present-agent.ts';
import { requireAgent } from '../../identity/principal.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, Services } from '../../platform/services.ts';
import { mailboxHealth } from './mailbox-health.ts';
import { emailMailboxes } from './schema.ts';
import { registerEmailServerRoutes, serversView } from './server-routes.ts';

const Address = Type.String({ format: 'email', maxLength: 254 });
const Id = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

async function listMailboxes(db: Executor, email: EmailConfig) {
  const rows = await db.select().from(emailMailboxes).orderBy(asc(emailMailboxes.createdAt));
  return Promise.all(
    rows.map(async (r) => ({
      address: r.address,
      categoryId: r.categoryId,
      teamId: r.teamId,
      active: r.active,
      // Addresses from EMAIL_MAILBOXES are always served; only the rest can be switched off here.
      fromConfig: email.mailboxes.some((m) => m.address === r.address),
      health: await mailboxHealth(db, r.address),
    })),
  );
}

async function checkRouting(
  db: Executor,
  categoryId: string | null | undefined,
  teamId: string | null | undefined,
) {
  if (categoryId) {
    const [row] = await db
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.id, categoryId));
    if (!row) throw new AppError('category_not_found');
  }
  if (teamId) {
    const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
    if (!row) throw new AppError('validation_failed', { detail: 'teamId: no such team' });
  }
}

/**
 * The email channel in the admin console: the support addresses and where their mail goes, kept
 * in the database and edited here. The servers (relay, IMAP, DKIM) come from the environment or,
 * when an admin set them here, from the database (server-routes.ts); never with their secrets.
 */
export function registerEmailAdminRoutes(app: App, services: Services) {
  const { db } = services;
  const tags = ['channels'];
  const configured = () => {
    const email = services.config.email;
    if (!email) throw new AppError('conflict', { detail: 'the email channel is off (EMAIL_MAILBOXES)' });
    return email;
  };

  app.get(
    '/admin/email',
    { schema: { tags, summary: 'The email channel: mailboxes and servers' } },
    async (request) => {
      requireAgent(request, 'admin');
      const email = services.config.email;
      if (!email)
        return {
          enabled: false,
          mailboxes: [],
          relay: null,
          imap: null,
          listener: null,
          dkim: null,
          subjectTags: [],
        };
      return {
        enabled: true,
        mailboxes: await listMailboxes(db, email),
        ...(await serversView(services, email)),
        listener:
          email.smtpPort === null
            ? null
            : { host: email.smtpHost, port: email.smtpPort, starttls: email.tls !== null },
        subjectTags: Object.entries(email.subjectTags).map(([tag, categoryCode]) => ({ tag, categoryCode })),
      };
    },
  );

  app.post(
    '/admin/email/mailboxes',
    {
      schema: {
        tags,
        summary: 'Add a support address; its mail opens tickets of the category (and team) given',
        body: Type.Object(
          { address: Address, categoryId: Type.Optional(Id), teamId: Type.Optional(Id) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const who = requireAgent(request, 'admin');
      const email = configured();
      const address = request.body.address.trim().toLowerCase();
      await checkRouting(db, request.body.categoryId, request.body.teamId);
      const [row] = await db
        .insert(emailMailboxes)
        .values({ address, categoryId: request.body.categoryId ?? null, teamId: request.body.teamId ?? null })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError('duplicate_value', { field: 'address' });
      await audit(db, {
        ...agentActor(who.agentId, request),
        action: 'mailbox.create',
        targetType: 'mailbox',
        targetId: address,
      });
      return reply.status(201).send({ items: await listMailboxes(db, email) });
    },
  );

  app.patch(
    '/admin/email/mailboxes/:address',
    {
      schema: {
        tags,
        summary: "Change a support address's category, team, or switch it off",
        params: Type.Object({ address: Address }),
        body: Type.Object(
          { categoryId: Type.Optional(Id), teamId: Type.Optional(Id), active: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const email = configured();
      const address = request.params.address.toLowerCase();
      const body = request.body;
      if (body.active === false && email.mailboxes.some((m) => m.address === address)) {
        throw new AppError('conflict', { detail: `${address} is in EMAIL_MAILBOXES; remove it there` });
      }
      await checkRouting(db, body.categoryId, body.teamId);
      const [row] = await db
        .update(emailMailboxes)
        .set({
          ...(body.categoryId !== undefined ? { categoryId: body.categoryId } : {}),
          ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
        })
        .where(eq(emailMailboxes.address, address))
        .returning();
      if (!row) throw new AppError('not_found');
      await audit(db, {
        ...agentActor(who.agentId, request),
        action: 'mailbox.update',
        targetType: 'mailbox',
        targetId: address,
        data: { fields: Object.keys(body) },
      });
      return { items: await listMailboxes(db, email) };
    },
  );

  registerEmailServerRoutes(app, services, configured);
}
