import type { LinkedFile } from '../attachments/link.ts';
import type { TicketClockSummary } from './event-bus.ts';
import { type Channel, formatTicketNumber, type MessageAuthor, type Priority } from './model.ts';
import { customerSummary } from './queries.ts';
import type { TicketDetail } from './ticket-detail.ts';
import type { Actor } from './timeline.ts';

/** Everything a ticket starts with, as createTicket wrote it in its one statement. */
export interface OpenedTicket {
  id: string;
  number: number;
  title: string;
  description: string;
  status: 'new';
  priority: Priority;
  channel: Channel;
  categoryId: string | null;
  teamId: string | null;
  category: { id: string; code: string; nameZh: string; nameEn: string } | null;
  tags: string[];
  fields: Record<string, unknown>;
  customer: { id: string; uid: string | null; name: string | null; email: string | null };
  actor: Actor;
  messageId: string;
  authorType: MessageAuthor;
  /** The customer's name, or the agent's when an agent opened it (null for an integration). */
  authorName: string | null;
  files: LinkedFile[];
  /** The summary of the service-level clocks its insert started (from the clocks' subscriber). */
  clocks: TicketClockSummary;
  at: Date;
}

/**
 * The detail of a ticket just opened, built from what the insert wrote instead of reading it back
 * (a create is then one statement). It must equal what getTicketDetail reads for the same ticket
 * and audience: opened-detail.test.ts compares the two field by field, so a change to either shows.
 */
export function openedTicketDetail(t: OpenedTicket, audience: 'staff' | 'customer'): TicketDetail {
  const staff = audience === 'staff';
  const at = t.at.toISOString();
  // Same order as the detail query (by id): a stable order for a message's files.
  const files = [...t.files].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const hideAuthor = !staff && t.authorType !== 'customer';
  const summary = {
    id: t.id,
    number: formatTicketNumber(t.number),
    title: t.title,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    tags: t.tags,
    teamId: t.teamId,
    category: t.category,
    assignee: null,
    customer: t.customer,
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
    firstResponseAt: null,
    solvedAt: null,
    slaDueAt: t.clocks.slaDueAt?.toISOString() ?? null,
    slaWarnAt: t.clocks.slaWarnAt?.toISOString() ?? null,
    slaPaused: t.clocks.slaPaused,
  };
  return {
    ...(staff ? summary : customerSummary(summary)),
    description: t.description,
    fields: t.fields,
    // A new ticket has no custom field values yet (agents, macros and triggers set them later).
    customFields: {},
    // The opening message is seq 1, its "created" event seq 2.
    lastSeq: 2,
    mergedInto: null,
    messages: [
      {
        id: t.messageId,
        seq: 1,
        clientId: null,
        authorType: t.authorType,
        authorId: hideAuthor ? null : t.actor.actorId,
        authorName: hideAuthor ? null : t.authorName,
        visibility: 'public',
        body: t.description,
        createdAt: at,
        attachments: files.map((f) => ({ ...f, url: `/api/v1/attachments/${f.id}` })),
      },
    ],
    // A customer sees only status changes of the history; the opening is not one.
    history: staff
      ? [
          {
            seq: 2,
            kind: 'created',
            actorType: t.actor.actorType,
            actorId: t.actor.actorId,
            from: null,
            to: {
              status: t.status,
              priority: t.priority,
              categoryId: t.categoryId,
              teamId: t.teamId,
              channel: t.channel,
            },
            at,
          },
        ]
      : [],
    attachmentCount: files.length,
    earlierMessages: 0,
  };
}
