import type { EmailChannel } from '../channels/email/channel.ts';
import type { Services } from '../platform/services.ts';
import { claimSideReply } from './inbound.ts';
import { sideConversationSend } from './jobs.ts';
import { sendSideMail } from './send.ts';
import { claimSideChannelMessage, conversationOf } from './via-channel.ts';

/**
 * Side conversations ride on the email channel: their mails go out through its relay, and the
 * channel offers every inbound mail to them first (a reply carrying a conversation's token or
 * naming one of its Message-IDs is theirs). Those held in a group go through a messaging channel,
 * whose core offers every platform message to them first the same way (via-channel.ts).
 */
export function registerSideConversations(services: Services, email: EmailChannel | null): void {
  services.jobs.handle(sideConversationSend, ({ messageId }, { retryCount }) =>
    sendSideMail(services, email, messageId, { finalAttempt: retryCount >= sideConversationSend.retryLimit }),
  );
  email?.addClaimer((mail) => claimSideReply(services.db, services.jobs, mail));
  services.channels.addMessageClaimer({
    holds: async (channelId, message) => (await conversationOf(services.db, channelId, message)) !== null,
    claim: (message) => claimSideChannelMessage(services, message),
  });
}
