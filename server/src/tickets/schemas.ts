import { Type } from '@fastify/type-provider-typebox';
import { TICKET_EVENT_TYPES } from './events.ts';
import { CHANNELS, PRIORITIES, TICKET_STATUSES } from './model.ts';

export const StatusSchema = Type.Union(TICKET_STATUSES.map((s) => Type.Literal(s)));
export const PrioritySchema = Type.Union(PRIORITIES.map((s) => Type.Literal(s)));
export const ChannelSchema = Type.Union(CHANNELS.map((s) => Type.Literal(s)));
export const Uuid = Type.String({ format: 'uuid' });
/** A ticket event's type, as triggers listen to it and webhook subscriptions subscribe to it. */
export const TicketEventTypeSchema = Type.Union(
  TICKET_EVENT_TYPES.map((t) => Type.Literal(t)),
  {
    description:
      'A ticket event (docs/automations.md, "Ticket events"). customer_fields.changed: the ' +
      "ticket's customer's custom fields; side_conversation.*: a side conversation's activity " +
      '(internal: a webhook body carries `sideConversation` without any mail text).',
  },
);
/** A list of event types (a trigger's, a webhook subscription's). */
export const TicketEventTypes = Type.Array(TicketEventTypeSchema, {
  minItems: 1,
  maxItems: TICKET_EVENT_TYPES.length,
});
export const TicketRef = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'The ticket id or its number (KF-000123)' }),
});
export const ClientId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\w.:-]+$' });
export const AttachmentIds = Type.Array(Uuid, { maxItems: 10, default: [] });
/**
 * Checklist answers: a form has a few dozen fields at most, an answer at most a few pages; an
 * attachments field's answer is a short list of upload ids (their shape and count are the form's
 * rules to check, in the caller's language).
 */
export const Fields = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Union([
    Type.String({ maxLength: 20_000 }),
    Type.Number(),
    Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 }),
  ]),
  { default: {}, maxProperties: 100 },
);

export const MessageBody = Type.String({ minLength: 1, maxLength: 20_000 });

export const CreateTicketBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 20_000 }),
    categoryId: Type.Optional(Uuid),
    priority: Type.Optional(PrioritySchema),
    fields: Type.Optional(Fields),
    attachmentIds: Type.Optional(AttachmentIds),
    idempotencyKey: Type.Optional(ClientId),
  },
  { additionalProperties: false },
);

export const Pagination = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
  cursor: Type.Optional(
    Type.String({ maxLength: 400, description: "The previous page's nextCursor (keyset paging)" }),
  ),
  offset: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    default: 0,
    description: 'Deprecated: use cursor (an offset reads every row it skips)',
  }),
  withTotal: Type.Optional(
    Type.Boolean({
      description: 'Also count the matches, up to 10,000 (totalCapped says when there are more)',
    }),
  ),
};

/** The idempotency key may come as a header (Idempotency-Key) or in the body. */
export function idempotencyKeyOf(header: unknown, body: string | undefined): string | null {
  if (typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header)) return header;
  return body ?? null;
}
