import { Type } from '@fastify/type-provider-typebox';
import { and, desc, eq } from 'drizzle-orm';
import { baseAddress, isMailbox, mailboxFor } from '../channels/email/mailboxes.ts';
import { emailMessages } from '../channels/email/schema.ts';
import { loadChannel } from '../channels/registry.ts';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { actorOf, requireStaff, type StaffPrincipal } from '../identity/principal.ts';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import { resolveTicketId } from '../tickets/queries.ts';
import { tickets } from '../tickets/schema.ts';
import { AttachmentIds, MessageBody, TicketRef, Uuid } from '../tickets/schemas.ts';
import { requireTicketWork } from '../tickets/work-access.ts';
import {
  type Author,
  replyInSideConversation,
  setSideConversationStatus,
  startSideConversation,
} from './commands.ts';
import { sideConversationsOfTicket } from './queries.ts';
import { sideConversations } from './schema.ts';
import { checkChannelTarget, senderName, sideConversationChannels } from './via-channel.ts';

const Address = Type.String({ format: 'email', minLength: 3, maxLength: 320 });
const StartBody = Type.Object(
  {
    /** Mail: the third party's addresses. Or `channel`: a group through a messaging channel. */
    to: Type.Optional(Type.Array(Address, { minItems: 1, maxItems: 10 })),
    channel: Type.Optional(
      Type.Object(
        {
          id: Uuid,
          // A platform's chat id: Telegram's are integers (groups negative), others opaque.
          chatId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_@:.\\-]+$' }),
        },
        { additionalProperties: false },
      ),
    ),
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    body: MessageBody,
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);
const ReplyBody = Type.Object(
  { body: MessageBody, attachmentIds: Type.Optional(AttachmentIds) },
  { additionalProperties: false },
);
const StatusBody = Type.Object(
  { status: Type.Union([Type.Literal('open'), Type.Literal('closed')]) },
  { additionalProperties: false },
);
const ConvParams = Type.Object({ id: Uuid });

function authorOf(who: StaffPrincipal): Author {
  return {
    actor: actorOf(who) as Author['actor'],
    agentId: who.kind === 'agent' ? who.agentId : null,
    uploader:
      who.kind === 'agent'
        ? { uploaderType: 'agent', uploaderId: who.agentId }
        : { uploaderType: 'integration', uploaderId: who.tokenId },
  };
}

async function ticketOf(db: Db, ref: string): Promise<string> {
  const id = await resolveTicketId(db, ref);
  if (!id) throw new AppError('ticket_not_found');
  return id;
}

async function conversationOf(db: Db, id: string) {
  const [row] = await db
    .select({
      ticketId: sideConversations.ticketId,
      channelId: sideConversations.channelId,
      chatId: sideConversations.chatId,
    })
    .from(sideConversations)
    .where(eq(sideConversations.id, id));
  if (!row) throw new AppError('side_conversation_not_found');
  return row;
}

async function conversationTicket(db: Db, id: string): Promise<string> {
  return (await conversationOf(db, id)).ticketId;
}

/**
 * Side conversations (docs/email.md): staff only. Reading needs what reading the ticket needs;
 * writing needs that the agent may work the ticket (tickets/work-access.ts). Customers and
 * anonymous callers are refused before anything is read.
 */
export function registerSideConversationRoutes(app: App, { db, jobs, config }: Services) {
  const tags = ['side conversations'];

  /** The support mailbox the ticket's mail came to (else the first one): what the mail is sent from. */
  async function fromAddress(ticketId: string): Promise<string> {
    if (!config.email) throw new AppError('side_conversation_no_mail');
    const [last] = await db
      .select({ to: emailMessages.toAddress })
      .from(emailMessages)
      .where(and(eq(emailMessages.ticketId, ticketId), eq(emailMessages.direction, 'inbound')))
      .orderBy(desc(emailMessages.createdAt))
      .limit(1);
    return (await mailboxFor(db, config.email, last ? [last.to] : [])).address;
  }

  /** Who a channel conversation's messages come from: the bot (else the channel's name). */
  async function channelSender(channelId: string | null): Promise<string> {
    const row = channelId ? await loadChannel(db, channelId) : null;
    if (!row?.enabled) throw new AppError('side_conversation_channel_unusable');
    return senderName(row);
  }

  /**
   * The customer is never a party to the desk's side conversations (the thread is internal), and
   * the desk's own mailboxes would only loop.
   */
  async function refuseInsiders(ticketId: string, to: readonly string[]): Promise<void> {
    const [row] = await db
      .select({ email: customers.email })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(tickets.id, ticketId));
    // Both sides without case and +tag: a customer who gave bob+exchange@… is still bob@….
    const customer = row?.email ? baseAddress(row.email) : null;
    for (const address of to) {
      const a = baseAddress(address);
      const insider = a === customer || (config.email && (await isMailbox(db, config.email, a)));
      if (insider) throw new AppError('side_conversation_recipient_refused', { address: a });
    }
  }

  app.get(
    '/side-conversations/channels',
    {
      schema: {
        tags,
        summary: 'The messaging channels a side conversation can go through (besides mail)',
      },
    },
    async (request) => {
      requireStaff(request, 'tickets:read');
      return { items: await sideConversationChannels(db) };
    },
  );

  app.get(
    '/tickets/:id/side-conversations',
    { schema: { tags, summary: "A ticket's side conversations with their threads", params: TicketRef } },
    async (request) => {
      requireStaff(request, 'tickets:read');
      const ticketId = await ticketOf(db, request.params.id);
      return { items: await sideConversationsOfTicket(db, ticketId) };
    },
  );

  app.post(
    '/tickets/:id/side-conversations',
    {
      schema: {
        tags,
        summary: 'Start a side conversation with a third party by mail',
        params: TicketRef,
        body: StartBody,
      },
    },
    async (request, reply) => {
      const who = requireStaff(request, 'tickets:write');
      const ticketId = await ticketOf(db, request.params.id);
      await requireTicketWork(db, who, [ticketId]);
      const body = request.body;
      if ((body.to === undefined) === (body.channel === undefined)) {
        throw new AppError('side_conversation_target');
      }
      let target: {
        fromAddress: string;
        to: string[];
        via: { channelId: string; chatId: string; kind: string } | null;
      };
      if (body.channel) {
        const { id, chatId } = body.channel;
        const channel = await checkChannelTarget(db, id, chatId);
        target = {
          fromAddress: channel.botName,
          to: [`${channel.kind}:${chatId}`],
          via: { channelId: id, chatId, kind: channel.kind },
        };
      } else {
        const to = body.to ?? [];
        await refuseInsiders(ticketId, to);
        target = { fromAddress: await fromAddress(ticketId), to, via: null };
      }
      const started = await startSideConversation(db, jobs, {
        ticketId,
        author: authorOf(who),
        ...target,
        subject: body.subject.trim(),
        body: body.body,
        attachmentIds: body.attachmentIds ?? [],
      });
      const items = await sideConversationsOfTicket(db, ticketId);
      return reply.status(201).send(items.find((c) => c.id === started.id));
    },
  );

  app.post(
    '/side-conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write again in an open side conversation (to its participants)',
        params: ConvParams,
        body: ReplyBody,
      },
    },
    async (request, reply) => {
      const who = requireStaff(request, 'tickets:write');
      const conv = await conversationOf(db, request.params.id);
      const ticketId = conv.ticketId;
      await requireTicketWork(db, who, [ticketId]);
      await replyInSideConversation(db, jobs, {
        conversationId: request.params.id,
        author: authorOf(who),
        // Through a channel the bot writes: its name is what the thread shows as the sender.
        fromAddress: conv.chatId !== null ? await channelSender(conv.channelId) : await fromAddress(ticketId),
        body: request.body.body,
        attachmentIds: request.body.attachmentIds ?? [],
      });
      const items = await sideConversationsOfTicket(db, ticketId);
      return reply.status(201).send(items.find((c) => c.id === request.params.id));
    },
  );

  app.patch(
    '/side-conversations/:id',
    {
      schema: { tags, summary: 'Close or reopen a side conversation', params: ConvParams, body: StatusBody },
    },
    async (request) => {
      const who = requireStaff(request, 'tickets:write');
      const ticketId = await conversationTicket(db, request.params.id);
      await requireTicketWork(db, who, [ticketId]);
      await setSideConversationStatus(db, jobs, request.params.id, request.body.status, authorOf(who).actor);
      const items = await sideConversationsOfTicket(db, ticketId);
      return items.find((c) => c.id === request.params.id);
    },
  );
}
