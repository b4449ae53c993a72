/**
 * The names of a ticket's events (server/src/tickets/events.ts types each one). Shared so that the
 * trigger editor offers exactly what the server emits; each has a label in the
 * workspace's messages (`trg.ev.<name>`, checked by ticket-event-types.test.ts).
 */
export const TICKET_EVENT_TYPES = [
  'ticket.created',
  'message.added',
  'status.changed',
  'priority.changed',
  'category.changed',
  'team.changed',
  'assignee.changed',
  'tags.changed',
  'fields.changed',
  'ticket.merged',
  'incident.linked',
  'ticket.rated',
  // A customer's custom fields changed: an event of each of their open tickets (from the API) or
  // of the ticket a macro or rule ran on (custom-fields/customer-values.ts).
  'customer_fields.changed',
  // Side conversations (side-conversations/): internal to the desk, never the customer's.
  'side_conversation.started',
  'side_conversation.message_sent',
  'side_conversation.reply_received',
  'side_conversation.closed',
  'side_conversation.reopened',
] as const;
