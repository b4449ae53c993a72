import { Type } from '@fastify/type-provider-typebox';
import { asc, eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { audit } from '../../audit/record.ts';
import type { EmailConfig } from '../../config/email-config.ts';
import type { Executor } from '../../db/client.ts';
import { categories, teams } from '../../desk/schema.ts';
import { agentActor } from '../../identity/present-agent.ts';
import { requireAgent } from '../../identity/principal.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, Services } from '../../platform/services.ts';
import type { ConnectionCheck } from '../adapter.ts';
import { createTransport } from './outbound.ts';
import { emailMailboxes } from './schema.ts';

const Address = Type.String({ format: 'email', maxLength: 254 });
const Id = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

/** Where a server URL points, without its password (an admin sees who signs in, never the secret). */
function server(raw: string | null, defaultPorts: [string, number, number]) {
  if (!raw) return null;
  const url = new URL(raw);
  const secure = url.protocol === defaultPorts[0];
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? defaultPorts[1] : defaultPorts[2]),
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    passwordSet: url.password !== '',
    folder: decodeURIComponent(url.pathname.replace(/^\//, '')) || null,
  };
}

/** The configured relay and IMAP mailbox answer now: the platform's (server's) own words otherwise. */
async function checkRelay(email: EmailConfig): Promise<ConnectionCheck | null> {
  const transport = createTransport(email);
  if (!transport) return null;
  try {
    await transport.verify();
    return { ok: true, detail: 'SMTP relay accepted the connection' };
  } catch (err) {
    return { ok: false, detail: (err as Error).message.slice(0, 300) };
  } finally {
    transport.close();
  }
}

async function checkImap(email: EmailConfig): Promise<ConnectionCheck | null> {
  if (!email.imapUrl) return null;
  const url = new URL(email.imapUrl);
  const client = new ImapFlow({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
    secure: url.protocol === 'imaps:',
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
    connectionTimeout: 10_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
    const status = await client.status(folder, { messages: true, unseen: true });
    if (!status) return { ok: false, detail: `${folder}: the server gave no status` };
    return { ok: true, detail: `${folder}: ${status.messages ?? 0} messages, ${status.unseen ?? 0} unseen` };
  } catch (err) {
    const e = err as Error & { responseText?: string };
    return { ok: false, detail: (e.responseText ?? e.message).slice(0, 300) };
  } finally {
    await client.logout().catch(() => {});
  }
}

async function listMailboxes(db: Executor, email: EmailConfig) {
  const rows = await db.select().from(emailMailboxes).orderBy(asc(emailMailboxes.createdAt));
  return rows.map((r) => ({
    address: r.address,
    categoryId: r.categoryId,
    teamId: r.teamId,
    active: r.active,
    // Addresses from EMAIL_MAILBOXES are always served; only the rest can be switched off here.
    fromConfig: email.mailboxes.some((m) => m.address === r.address),
  }));
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
 * The email channel in the admin console. Its servers and keys come from the environment (they
 * are needed before anyone can sign in, docs/email.md) and are shown without secrets; the support
 * addresses and where their mail goes are kept in the database and edited here.
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
        relay: server(email.relayUrl, ['smtps:', 465, 587]),
        imap: server(email.imapUrl, ['imaps:', 993, 143]),
        listener:
          email.smtpPort === null
            ? null
            : { host: email.smtpHost, port: email.smtpPort, starttls: email.tls !== null },
        dkim: email.dkim ? { domain: email.dkim.domainName, selector: email.dkim.keySelector } : null,
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

  app.post(
    '/admin/email/test',
    {
      schema: {
        tags,
        summary: 'Connect to the SMTP relay and the IMAP mailbox now and say what they answered',
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const email = configured();
      const [relay, imap] = await Promise.all([checkRelay(email), checkImap(email)]);
      await audit(db, {
        ...agentActor(who.agentId, request),
        action: 'mailbox.test',
        data: { relay: relay?.ok ?? null, imap: imap?.ok ?? null },
      });
      return { relay, imap, checkedAt: new Date().toISOString() };
    },
  );
}
