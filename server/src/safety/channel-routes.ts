import { Type } from '@fastify/type-provider-typebox';
import { asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { addChannel, isManaged, presentChannel, updateChannel } from './channels.ts';
import { CHANNEL_KINDS, officialChannels } from './schema.ts';

const KindSchema = Type.Union(CHANNEL_KINDS.map((k) => Type.Literal(k)));
const Ref = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['safety'];
const PUBLIC_KINDS = ['email', 'telegram', 'wechat', 'weibo', 'x'] as const;

/** Where a tap on an official account goes; WeChat has no web link (the page shows the id to search). */
function accountUrl(kind: string, value: string): string | null {
  const handle = value.replace(/^@/, '');
  if (kind === 'telegram') return `https://t.me/${encodeURIComponent(handle)}`;
  if (kind === 'weibo') return `https://weibo.com/n/${encodeURIComponent(handle)}`;
  if (kind === 'x') return `https://x.com/${encodeURIComponent(handle)}`;
  if (kind === 'email') return `mailto:${value}`;
  return null;
}

/** The registry of official channels: agents read it (to point customers to it), admins keep it. */
export function registerChannelRoutes(app: App, { db }: Services) {
  app.get('/safety/channels', { schema: { tags, summary: 'Official channels' } }, async (request) => {
    requireAgent(request);
    const rows = await db
      .select()
      .from(officialChannels)
      .orderBy(asc(officialChannels.kind), asc(officialChannels.value));
    return { items: rows.map(presentChannel) };
  });

  app.get(
    '/contact/official-accounts',
    {
      config: { public: true },
      schema: {
        tags: ['contact'],
        summary: 'Our official social accounts and mailbox (for the contact page)',
      },
    },
    async () => {
      const rows = await db
        .select()
        .from(officialChannels)
        .where(inArray(officialChannels.kind, PUBLIC_KINDS))
        .orderBy(asc(officialChannels.kind), asc(officialChannels.value));
      return {
        items: rows
          // A mailbox that only sends (codes, notices) is not a way to reach us.
          .filter((r) => r.kind !== 'email' || !/^no-?reply@/i.test(r.value))
          .map(({ kind, value, name, note }) => ({ kind, value, name, note, url: accountUrl(kind, value) })),
      };
    },
  );

  app.post(
    '/safety/channels',
    {
      schema: {
        tags,
        summary: 'Register an official channel (admins)',
        body: Type.Object(
          {
            kind: KindSchema,
            value: Type.String({ minLength: 2, maxLength: 300 }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const admin = requireAgent(request, 'admin');
      const row = await addChannel(db, request.body);
      await audit(db, {
        actorType: 'agent',
        actorId: admin.agentId,
        action: 'safety.channel_added',
        targetType: 'official_channel',
        targetId: row.id,
        data: { kind: row.kind, value: row.value },
        ip: request.ip,
      });
      return reply.status(201).send(presentChannel(row));
    },
  );

  app.patch(
    '/safety/channels/:id',
    {
      schema: {
        tags,
        summary: 'Change an official channel (admins)',
        params: Ref,
        body: Type.Object(
          {
            kind: Type.Optional(KindSchema),
            value: Type.Optional(Type.String({ minLength: 2, maxLength: 300 })),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const admin = requireAgent(request, 'admin');
      try {
        const row = await updateChannel(db, request.params.id, request.body);
        await audit(db, {
          actorType: 'agent',
          actorId: admin.agentId,
          action: 'safety.channel_changed',
          targetType: 'official_channel',
          targetId: row.id,
          data: { kind: row.kind, value: row.value },
          ip: request.ip,
        });
        return presentChannel(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('channel_exists');
        throw err;
      }
    },
  );

  app.delete(
    '/safety/channels/:id',
    { schema: { tags, summary: 'Remove an official channel (admins)', params: Ref } },
    async (request, reply) => {
      const admin = requireAgent(request, 'admin');
      if (await isManaged(db, request.params.id)) throw new AppError('official_channel_managed');
      const [row] = await db
        .delete(officialChannels)
        .where(eq(officialChannels.id, request.params.id))
        .returning();
      if (!row) throw new AppError('official_channel_not_found');
      await audit(db, {
        actorType: 'agent',
        actorId: admin.agentId,
        action: 'safety.channel_removed',
        targetType: 'official_channel',
        targetId: row.id,
        data: { kind: row.kind, value: row.value },
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );
}
