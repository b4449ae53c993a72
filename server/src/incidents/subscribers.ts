import { eq } from 'drizzle-orm';
import { customers } from '../customers/schema.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { addMessage } from '../tickets/add-message.ts';
import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { incidentIdsCopy, openLinkedTickets, textFor } from './commands.ts';
import { incidentReplies, incidents } from './schema.ts';

/** Copies a public reply on an incident to every open linked ticket (after the reply's commit). */
export const broadcastJob = defineJob<{ incidentId: string; messageId: string }>({
  name: 'incidents.broadcast',
  retryLimit: 5,
  retryDelaySeconds: 5,
});

/** Solves the open linked tickets of a solved incident, each with a notice to its customer. */
export const solveLinkedJob = defineJob<{
  incidentId: string;
  seq: number;
  author: { authorType: 'agent' | 'integration'; authorId: string | null };
}>({ name: 'incidents.solve-linked', retryLimit: 5, retryDelaySeconds: 5 });

/**
 * The notice names the problem by the incident's banner only (the customer's language, else the
 * other one), never by the incident ticket's title: that ticket is often a customer's own, and its
 * title their words. Without a banner the notice names nothing.
 */
const NOTICE = {
  zh: '您反馈的问题已解决：{title}。如仍有问题，直接回复此工单即可。',
  en: 'The problem you reported is resolved: {title}. If anything is still wrong, just reply to this ticket.',
};
const NOTICE_UNNAMED = {
  zh: '您反馈的问题已解决。如仍有问题，直接回复此工单即可。',
  en: 'The problem you reported is resolved. If anything is still wrong, just reply to this ticket.',
};

/**
 * Two job subscribers: a public staff reply on an open incident, and an incident going to
 * solved. Whether a ticket is an incident is read from this node's copy of the open incidents
 * (no query on the message path); with no copy yet the job is enqueued and reads the truth.
 */
export function subscribeIncidents(services: Services): void {
  const isIncident = async (db: Db, ex: Parameters<typeof incidentIdsCopy.peek>[1], id: string) => {
    const open = await incidentIdsCopy.peek(db, ex);
    return open === null || open.has(id);
  };
  subscribeToTicketEvents({
    name: 'incidents.broadcast',
    mode: 'job',
    events: ['message.added'],
    job: broadcastJob,
    wants: async (db, _type, ex) => {
      const open = await incidentIdsCopy.peek(db, ex);
      return open === null || open.size > 0;
    },
    async jobsFor(events, { db, tx }) {
      const out: Array<{ incidentId: string; messageId: string }> = [];
      for (const e of events) {
        if (e.type !== 'message.added' || e.message.visibility !== 'public') continue;
        if (e.message.authorType !== 'agent' && e.message.authorType !== 'integration') continue;
        // A rule's reply (an acknowledgement, a time rule's reminder) answers the incident's own
        // customer, in their name: it is theirs, not the incident's word to everyone.
        if (e.actor.automation) continue;
        if (await isIncident(db, tx, e.ticket.id))
          out.push({ incidentId: e.ticket.id, messageId: e.message.id });
      }
      return out;
    },
  });
  subscribeToTicketEvents({
    name: 'incidents.solve-linked',
    mode: 'job',
    events: ['status.changed'],
    job: solveLinkedJob,
    wants: async (db, _type, ex) => {
      const open = await incidentIdsCopy.peek(db, ex);
      return open === null || open.size > 0;
    },
    async jobsFor(events, { db, tx }) {
      const out = [];
      for (const e of events) {
        if (e.type !== 'status.changed' || (e.to !== 'solved' && e.to !== 'closed')) continue;
        if (!(await isIncident(db, tx, e.ticket.id))) continue;
        const author =
          e.actor.actorType === 'agent'
            ? { authorType: 'agent' as const, authorId: e.actor.actorId }
            : { authorType: 'integration' as const, authorId: null };
        out.push({ incidentId: e.ticket.id, seq: e.seq, author });
      }
      return out;
    },
  });

  const { db, jobs } = services;
  jobs.handle(broadcastJob, async ({ incidentId, messageId }, { logger }) => {
    const [reply] = await db
      .select({ zh: incidentReplies.zh, en: incidentReplies.en })
      .from(incidentReplies)
      .where(eq(incidentReplies.messageId, messageId));
    const [incident] = await db
      .select({ ticketId: incidents.ticketId })
      .from(incidents)
      .where(eq(incidents.ticketId, incidentId));
    if (!incident) return;
    const [message] = await db
      .select({ body: messages.body, authorType: messages.authorType, authorId: messages.authorId })
      .from(messages)
      .where(eq(messages.id, messageId));
    if (!message) return;
    // A reply written in the ticket's own composer has one text: everyone gets it as written.
    const texts = reply ?? { zh: message.body, en: message.body };
    const author =
      message.authorType === 'agent'
        ? { authorType: 'agent' as const, authorId: message.authorId }
        : { authorType: 'integration' as const, authorId: message.authorId };
    await eachLinked(db, incidentId, logger, async (ticket) => {
      await addMessage(db, jobs, {
        ticketId: ticket.id,
        ...author,
        visibility: 'public',
        body: textFor(ticket.language, texts),
        // Idempotent: a retried job finds the copy it already made.
        clientId: `incident:${messageId}`,
        attachmentIds: [],
        uploader: { uploaderType: 'system', uploaderId: null },
      });
    });
  });

  jobs.handle(solveLinkedJob, async ({ incidentId, seq, author }, { logger }) => {
    const [incident] = await db
      .select({ bannerZh: incidents.bannerZh, bannerEn: incidents.bannerEn })
      .from(incidents)
      .where(eq(incidents.ticketId, incidentId));
    if (!incident) return;
    await eachLinked(db, incidentId, logger, async (ticket) => {
      const en = ticket.language === 'en';
      const title = textFor(ticket.language, { zh: incident.bannerZh, en: incident.bannerEn });
      const notice = title
        ? (en ? NOTICE.en : NOTICE.zh).replace('{title}', title)
        : NOTICE_UNNAMED[en ? 'en' : 'zh'];
      await addMessage(db, jobs, {
        ticketId: ticket.id,
        ...author,
        visibility: 'public',
        body: notice,
        clientId: `incident-solved:${incidentId}:${seq}`,
        attachmentIds: [],
        uploader: { uploaderType: 'system', uploaderId: null },
        thenStatus: 'solved',
      });
    });
  });
}

/**
 * Walks the open linked tickets one by one, each its own transaction: a ticket refused for its
 * own reason (closed meanwhile, a status it cannot leave) is logged and skipped, anything else
 * fails the job so pg-boss retries it (the client ids make the retry skip what was done).
 */
async function eachLinked(
  db: Db,
  incidentId: string,
  logger: { warn: (obj: object, msg: string) => void },
  work: (ticket: { id: string; language: string }) => Promise<void>,
) {
  const linked = await openLinkedTickets(db, incidentId);
  for (const t of linked) {
    const [c] = await db
      .select({ language: customers.language })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(tickets.id, t.id));
    try {
      await work({ id: t.id, language: c?.language ?? 'zh-CN' });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      logger.warn({ ticketId: t.id, code: err.code }, 'incident: a linked ticket refused the step');
    }
  }
}
