import { eq } from 'drizzle-orm';
import { defineJob } from '../platform/jobs.ts';
import type { Services } from '../platform/services.ts';
import { messages, tickets } from '../tickets/schema.ts';
import { postTicketNotice } from './customer-notices.ts';

/** A public agent reply: the customer gets an in-app inbox entry (站内信). */
export const agentReplyNotice = defineJob<{ messageId: string }>({
  name: 'inbox.agent-reply',
  retryLimit: 8,
  retryDelaySeconds: 5,
});

const PREVIEW_CHARS = 140;

export function registerInboxJobs({ jobs, db }: Services) {
  jobs.handle(agentReplyNotice, async ({ messageId }) => {
    const [row] = await db
      .select({
        body: messages.body,
        visibility: messages.visibility,
        ticketId: tickets.id,
      })
      .from(messages)
      .innerJoin(tickets, eq(tickets.id, messages.ticketId))
      .where(eq(messages.id, messageId));
    // Gone (ticket deleted) or turned internal: nothing to tell.
    if (row?.visibility !== 'public') return;
    const preview = row.body.length > PREVIEW_CHARS ? `${row.body.slice(0, PREVIEW_CHARS)}…` : row.body;
    await db.transaction((tx) =>
      postTicketNotice(tx, { ticketId: row.ticketId, kind: 'agent_reply', sourceId: messageId, preview }),
    );
  });
}
