import { randomBytes } from 'node:crypto';
import { Type } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/record.ts';
import { requireAgent } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { channelHealth, registerChannelTestRoute } from './health.ts';
import { syncOfficialAccounts } from './official-accounts.ts';
import type { Pullers } from './pullers.ts';
import { adapterEnv, adapterFor, CHANNEL_KINDS, toRecord } from './registry.ts';
import { channels } from './schema.ts';
import { openChannelSecrets, sealChannelSecrets } from './sealed-secrets.ts';
import { checkedInCallerLanguage } from './setting-words.ts';

const Settings = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown());
const Secrets = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 512 }));

/** Settings every channel understands, checked by the core: where to send people for private matters. */
function checkCoreSettings(settings: Record<string, unknown>) {
  for (const key of ['privateLink', 'linkUrl']) {
    const value = settings[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/.test(value)) {
      throw new AppError('validation_failed', { detail: `settings.${key}: an http(s) URL` });
    }
  }
}

/**
 * An edit's settings over the stored ones, as a JSON merge patch: a key given `null` is removed
 * (how the console clears an optional setting), a key left out is kept.
 */
export function mergeSettings(stored: Record<string, unknown>, patch: Record<string, unknown> = {}) {
  const merged: Record<string, unknown> = { ...stored, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}

/** Admins set channels up; secrets go in and never come back out (only which ones are set). */
export function registerChannelAdminRoutes(app: App, services: Services, pullers: Pullers) {
  const { db } = services;
  const tags = ['channels'];
  const env = adapterEnv(services);
  const { appSecret } = services.config;
  /** Which secrets are set (never their values); unreadable when APP_SECRET changed since. */
  const secretsState = (row: typeof channels.$inferSelect) => {
    const opened = openChannelSecrets(appSecret, row.secrets);
    return { secretsSet: Object.keys(opened ?? {}).sort(), secretsUnreadable: opened === null };
  };
  const present = (row: typeof channels.$inferSelect) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    settings: row.settings,
    ...secretsState(row),
    inboundUrl: env.inboundUrl(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });

  /** Tells the platform about the channel (setWebhook…); what it learns (the bot's name) is kept. */
  async function registerWithPlatform(row: typeof channels.$inferSelect, wasEnabled = row.enabled) {
    const adapter = adapterFor(row.kind)!;
    await pullers.restart(row);
    if (!row.enabled && wasEnabled) await unregisterFromPlatform(row);
    if (!adapter.register || !row.enabled) return row;
    let learned: Record<string, unknown> | undefined;
    try {
      learned = await adapter.register(toRecord(row, appSecret), env);
    } catch (err) {
      throw new AppError('channel_registration_failed', { detail: (err as Error).message.slice(0, 200) });
    }
    if (!learned) return row;
    const [updated] = await db
      .update(channels)
      .set({ settings: { ...row.settings, ...learned }, updatedAt: new Date() })
      .where(eq(channels.id, row.id))
      .returning();
    await pullers.restart(updated!);
    return updated!;
  }

  /**
   * Best effort: a platform that is away must not keep an admin from deleting or disabling the
   * channel (its deliveries are refused here anyway), so a failure is logged, not thrown.
   */
  async function unregisterFromPlatform(row: typeof channels.$inferSelect): Promise<boolean> {
    const adapter = adapterFor(row.kind);
    if (!adapter?.unregister) return true;
    try {
      await adapter.unregister(toRecord(row, appSecret), env);
      return true;
    } catch (err) {
      services.logger.warn(
        { err, channelId: row.id },
        'channel: the platform was not told to stop delivering',
      );
      return false;
    }
  }

  app.get(
    '/channels',
    { schema: { tags, summary: 'List the social and webhook channels (admin)' } },
    async (request) => {
      requireAgent(request, 'admin');
      const rows = await db.select().from(channels).orderBy(channels.createdAt);
      const health = await channelHealth(db);
      return { items: rows.map((row) => ({ ...present(row), health: health(row.id) })) };
    },
  );

  registerChannelTestRoute(app, services);

  app.post(
    '/channels',
    {
      schema: {
        tags,
        summary: 'Set up a channel; the answer carries its inbound URL and, once, any secret Kefu generated',
        body: Type.Object(
          {
            kind: Type.Union(CHANNEL_KINDS.map((k) => Type.Literal(k))),
            name: Type.String({ minLength: 1, maxLength: 80 }),
            enabled: Type.Optional(Type.Boolean()),
            settings: Type.Optional(Settings),
            secrets: Type.Optional(Secrets),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const who = requireAgent(request, 'admin');
      const body = request.body;
      const adapter = adapterFor(body.kind)!;
      const given = body.secrets ?? {};
      const prepared = checkedInCallerLanguage(request, () => {
        checkCoreSettings(body.settings ?? {});
        return adapter.prepareSettings({ settings: mergeSettings({}, body.settings), secrets: given });
      });
      const [row] = await db
        .insert(channels)
        .values({
          kind: body.kind,
          name: body.name,
          enabled: body.enabled ?? true,
          settings: prepared.settings,
          secrets: sealChannelSecrets(appSecret, prepared.secrets),
          inboundKey: randomBytes(24).toString('base64url'),
        })
        .returning();
      await audit(db, {
        actorType: 'agent',
        actorId: who.agentId,
        action: 'channel.create',
        targetType: 'channel',
        targetId: row!.id,
        data: { kind: body.kind, name: body.name },
      });
      const registered = await registerWithPlatform(row!).catch(async (err) => {
        await db.delete(channels).where(eq(channels.id, row!.id));
        throw err;
      });
      await syncOfficialAccounts(db, registered);
      const generated = Object.fromEntries(Object.entries(prepared.secrets).filter(([k]) => !(k in given)));
      return reply.status(201).send({ ...present(registered), generatedSecrets: generated });
    },
  );

  app.patch(
    '/channels/:id',
    {
      schema: {
        tags,
        summary:
          'Change a channel; settings given replace the stored ones (null removes one), secrets given replace theirs, others are kept',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            enabled: Type.Optional(Type.Boolean()),
            settings: Type.Optional(Settings),
            secrets: Type.Optional(Secrets),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const [row] = await db.select().from(channels).where(eq(channels.id, request.params.id));
      if (!row) throw new AppError('channel_not_found');
      const adapter = adapterFor(row.kind)!;
      const body = request.body;
      const prepared = checkedInCallerLanguage(request, () => {
        checkCoreSettings(body.settings ?? {});
        return adapter.prepareSettings({
          settings: mergeSettings(row.settings, body.settings),
          // Unreadable stored secrets (APP_SECRET changed) are replaced by the ones given now.
          secrets: { ...openChannelSecrets(appSecret, row.secrets), ...(body.secrets ?? {}) },
        });
      });
      const [updated] = await db
        .update(channels)
        .set({
          name: body.name ?? row.name,
          enabled: body.enabled ?? row.enabled,
          settings: prepared.settings,
          secrets: sealChannelSecrets(appSecret, prepared.secrets),
          updatedAt: new Date(),
        })
        .where(eq(channels.id, row.id))
        .returning();
      await audit(db, {
        actorType: 'agent',
        actorId: who.agentId,
        action: 'channel.update',
        targetType: 'channel',
        targetId: row.id,
        data: { fields: Object.keys(body), secretsChanged: Object.keys(body.secrets ?? {}) },
      });
      const registered = await registerWithPlatform(updated!, row.enabled);
      await syncOfficialAccounts(db, registered);
      return present(registered);
    },
  );

  app.delete(
    '/channels/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a channel: its contacts, conversation links and delivery log go; its tickets and their messages stay',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request) => {
      const who = requireAgent(request, 'admin');
      const [row] = await db.select().from(channels).where(eq(channels.id, request.params.id));
      if (!row) throw new AppError('channel_not_found');
      await pullers.stop(row.id);
      const platformNotified = row.enabled ? await unregisterFromPlatform(row) : true;
      // The rows that only make sense with the channel cascade (schema.ts); tickets are not among them.
      await db.transaction(async (tx) => {
        await tx.delete(channels).where(eq(channels.id, row.id));
        await audit(tx, {
          actorType: 'agent',
          actorId: who.agentId,
          action: 'channel.delete',
          targetType: 'channel',
          targetId: row.id,
          data: { kind: row.kind, name: row.name, platformNotified },
        });
      });
      return { ok: true, platformNotified };
    },
  );
}
