import { TICKET_EVENT_TYPES } from '../../../shared/ticket-event-types.ts';
import type { Channel, MessageAuthor, Priority, TicketStatus, Visibility } from './model.ts';
import type { Actor } from './timeline.ts';

/**
 * The typed events of a ticket (their names: shared/ticket-event-types.ts, also the trigger
 * editor's list). `tickets/` emits them inside the transaction of the write that
 * causes them (see event-bus.ts) and knows nothing of who listens. Each event is the in-memory
 * face of a row the write stored: a `ticket_events` history row (its `seq`), or for
 * `message.added` the message row. The history is the events' durable record.
 */
export { TICKET_EVENT_TYPES };
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** The property changes, and the history `kind` each is recorded under. */
export const CHANGE_KINDS = {
  'status.changed': 'status',
  'priority.changed': 'priority',
  'category.changed': 'category',
  'team.changed': 'team',
  'assignee.changed': 'assignee',
  'tags.changed': 'tags',
  'fields.changed': 'fields',
  'ticket.merged': 'merged',
  'incident.linked': 'incident_link',
  'ticket.rated': 'csat_rating',
  'customer_fields.changed': 'customer_fields',
  'side_conversation.started': 'side_conversation_started',
  'side_conversation.message_sent': 'side_conversation_message',
  'side_conversation.reply_received': 'side_conversation_reply',
  'side_conversation.closed': 'side_conversation_closed',
  'side_conversation.reopened': 'side_conversation_reopened',
} as const satisfies Partial<Record<TicketEventType, string>>;
export type ChangeEventType = keyof typeof CHANGE_KINDS;
export type ChangeKind = (typeof CHANGE_KINDS)[ChangeEventType];

const EVENT_OF_KIND = new Map<string, ChangeEventType>(
  Object.entries(CHANGE_KINDS).map(([type, kind]) => [kind, type as ChangeEventType]),
);
/** The event type of a history kind, or null for kinds that are notes rather than changes. */
export function changeEventOf(kind: string): ChangeEventType | null {
  return EVENT_OF_KIND.get(kind) ?? null;
}

/**
 * The ticket as it stands after the write, as far as the writer knows it without another read:
 * what subscribers need to decide whether they have anything to do.
 */
export interface TicketFacts {
  id: string;
  number: number;
  title: string;
  status: TicketStatus;
  priority: Priority;
  channel: Channel;
  customerId: string;
  categoryId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  tags: readonly string[];
}

export interface MessageFacts {
  id: string;
  seq: number;
  authorType: MessageAuthor;
  visibility: Visibility;
  /** As stored: secrets already masked. */
  body: string;
  /**
   * Who wrote the last public human message before this one, when the writer knows it for sure
   * (the live chat's group commit does): lets the service-level clocks skip a recompute that
   * cannot change anything. Undefined when not known.
   */
  previousPublicAuthor?: 'customer' | 'staff' | null;
}

interface EventBase {
  ticket: TicketFacts;
  actor: Actor;
  at: Date;
  /** The place in the ticket's timeline of the row that records this event. */
  seq: number;
}

export type TicketEvent =
  | (EventBase & { type: 'ticket.created'; message: MessageFacts })
  | (EventBase & { type: 'message.added'; message: MessageFacts })
  | (EventBase & {
      type: ChangeEventType;
      from: unknown;
      to: unknown;
      /** The message whose arrival caused the change (a reply reopening a ticket), if any. */
      messageId?: string;
      /** Set when the live chat's routing made it (giving a chat to an agent, back to a queue). */
      liveChat?: boolean;
    });

export type ChangeEvent = Extract<TicketEvent, { from: unknown }>;

export function isChange(event: TicketEvent): event is ChangeEvent {
  return event.type !== 'ticket.created' && event.type !== 'message.added';
}

/** The side conversation events: internal to the desk, like a note. */
export function isSideConversationEvent(type: TicketEventType): boolean {
  return type.startsWith('side_conversation.');
}

/** A stable id for one event: its ticket and its place in the timeline. */
export function eventId(event: Pick<TicketEvent, 'ticket' | 'seq'>): string {
  return `${event.ticket.id}:${event.seq}`;
}

/** Events travel to jobs as JSON; times come back as Dates. */
export type SerializedTicketEvent = Omit<TicketEvent, 'at'> & { at: string };

export function serializeEvents(events: readonly TicketEvent[]): SerializedTicketEvent[] {
  return events.map((e) => ({ ...e, at: e.at.toISOString() }) as SerializedTicketEvent);
}

export function reviveEvents(events: readonly SerializedTicketEvent[]): TicketEvent[] {
  return events.map((e) => ({ ...e, at: new Date(e.at) }) as TicketEvent);
}
