import { Type } from '@fastify/type-provider-typebox';
import { desc, eq } from 'drizzle-orm';
import { requireCustomer, requireStaff } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { redeemLinkCode } from './link.ts';
import { channelContacts, channelConversations, channels } from './schema.ts';

/** Linking a platform account to the signed-in customer, and what agents see of a ticket's platform side. */
export function registerChannelLinkRoutes(app: App, { db, config }: Services) {
  app.post(
    '/me/channel-links',
    {
      schema: {
        tags: ['channels'],
        summary:
          'Link a Telegram/WeChat/Weibo account to the signed-in customer with the one-time code the bot sent',
        body: Type.Object(
          { code: Type.String({ minLength: 10, maxLength: 600 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const who = requireCustomer(request);
      // Only the host app's signed-in user can claim an account; an anonymous visitor proves nothing.
      if (who.isVisitor) throw new AppError('forbidden');
      const linked = await redeemLinkCode(db, config, request.body.code, who.customerId);
      return reply.status(201).send(linked);
    },
  );

  app.get(
    '/tickets/:id/channel',
    {
      schema: {
        tags: ['channels'],
        summary:
          'The platform side of a social ticket: where it came from and whether the person is verified',
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
      },
    },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const id = await resolveTicketId(db, request.params.id);
      if (!id) throw new AppError('ticket_not_found');
      const [row] = await db
        .select({
          channelId: channels.id,
          kind: channels.kind,
          name: channels.name,
          chatId: channelConversations.chatId,
          isPublic: channelConversations.isPublic,
          lastInboundAt: channelConversations.lastInboundAt,
          displayName: channelContacts.displayName,
          platformUserId: channelContacts.platformUserId,
          verifiedCustomerId: channelContacts.verifiedCustomerId,
          verifiedAt: channelContacts.verifiedAt,
        })
        .from(channelConversations)
        .innerJoin(channels, eq(channels.id, channelConversations.channelId))
        .innerJoin(channelContacts, eq(channelContacts.id, channelConversations.contactId))
        .where(eq(channelConversations.ticketId, id))
        .orderBy(desc(channelConversations.createdAt));
      if (!row) throw new AppError('not_found');
      return {
        channel: { id: row.channelId, kind: row.kind, name: row.name },
        chatId: row.chatId,
        isPublic: row.isPublic,
        lastInboundAt: row.lastInboundAt.toISOString(),
        contact: {
          displayName: row.displayName,
          platformUserId: row.platformUserId,
          verified: row.verifiedCustomerId !== null,
          verifiedCustomerId: row.verifiedCustomerId,
          verifiedAt: row.verifiedAt?.toISOString() ?? null,
          notice: row.verifiedCustomerId
            ? null
            : '未验证：此人尚未通过 App 绑定账户，请勿透露或处理账户信息 / Unverified: this person has not linked an account in the app; do not disclose or act on account details',
        },
      };
    },
  );
}
