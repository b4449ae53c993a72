import type { Services } from '../platform/services.ts';
import { recordEvent } from '../tickets/timeline.ts';
import { type ChannelRegistry, channelReply } from './transport.ts';

/**
 * Carries queued staff replies to their channel's adapter. A channel with no adapter configured
 * (its settings were removed) cannot deliver: that is recorded on the ticket instead of lost.
 */
export function registerChannelReplyJob({ jobs, db }: Services, registry: ChannelRegistry) {
  jobs.handle(channelReply, async (data, { retryCount, logger }) => {
    const adapter = registry.get(data.channel);
    if (!adapter) {
      logger.warn({ channel: data.channel }, 'no adapter for the channel: reply not delivered');
      await db.transaction((tx) =>
        recordEvent(
          tx,
          data.ticketId,
          { actorType: 'system', actorId: null },
          'channel_undeliverable',
          null,
          {
            channel: data.channel,
            messageId: data.messageId,
            reason: 'channel_not_configured',
          },
        ),
      );
      return;
    }
    await adapter.sendReply(
      { ticketId: data.ticketId, messageId: data.messageId },
      { finalAttempt: retryCount >= channelReply.retryLimit },
    );
  });
}
