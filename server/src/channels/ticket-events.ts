import { subscribeToTicketEvents } from '../tickets/event-bus.ts';
import type { TicketEvent } from '../tickets/events.ts';
import { isPlatformConversation, channelReply as platformReply } from './outbound.ts';
import { hasOwnTransport, channelReply as mailReply } from './transport.ts';

const isPublicStaffReply = (e: TicketEvent) =>
  e.type === 'message.added' &&
  e.message.visibility === 'public' &&
  (e.message.authorType === 'agent' || e.message.authorType === 'integration');

/**
 * A public staff reply travels on to the ticket's channel, as a job enqueued with the message:
 * mail by its own transport (`channel.reply`), the messaging platforms — Telegram, WeChat, Weibo,
 * the webhook channel — through the channel core (`channels.reply`). Each ignores the tickets
 * that are not its own.
 */
export function subscribeChannelDelivery(): void {
  subscribeToTicketEvents({
    name: 'channels.mail-reply',
    mode: 'job',
    events: ['message.added'],
    job: mailReply,
    jobsFor: (events) =>
      events.flatMap((e) =>
        isPublicStaffReply(e) && e.type === 'message.added' && hasOwnTransport(e.ticket.channel)
          ? [{ ticketId: e.ticket.id, messageId: e.message.id, channel: e.ticket.channel }]
          : [],
      ),
  });
  subscribeToTicketEvents({
    name: 'channels.platform-reply',
    mode: 'job',
    events: ['message.added'],
    job: platformReply,
    async jobsFor(events, { tx }) {
      const out: Array<{ messageId: string }> = [];
      for (const e of events) {
        if (e.type !== 'message.added' || !isPublicStaffReply(e)) continue;
        if (await isPlatformConversation(tx, e.ticket.id)) out.push({ messageId: e.message.id });
      }
      return out;
    },
  });
}
