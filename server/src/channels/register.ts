import type { App, Services } from '../platform/services.ts';
import { registerChannelAdminRoutes } from './admin-routes.ts';
import { registerChannelLinkRoutes } from './customer-routes.ts';
import { registerChannelInboundRoutes } from './inbound-routes.ts';
import { channelInbound } from './ingest.ts';
import { channelReply, processReply } from './outbound.ts';
import { processInbound } from './process-inbound.ts';
import { createPullers, type Pullers } from './pullers.ts';
import { type SecretDetector, safetySecretDetector } from './screening.ts';

/**
 * The channel core's queue workers, and the pull loops it runs (start them once the queue runs).
 * `detector` is where the safety capability's scanner plugs in.
 */
export function registerChannelJobs(
  services: Services,
  detector: SecretDetector = safetySecretDetector,
): Pullers {
  services.jobs.handle(channelInbound, async ({ deliveryId }, { logger }) => {
    await processInbound(services, detector, deliveryId, logger);
  });
  services.jobs.handle(channelReply, async ({ messageId }, { logger, retryCount }) => {
    await processReply(services, messageId, { retryCount, log: logger });
  });
  return createPullers(services);
}

/** Routes under /api/v1. */
export function registerChannelRoutes(app: App, services: Services, pullers: Pullers) {
  registerChannelAdminRoutes(app, services, pullers);
  registerChannelInboundRoutes(app, services);
  registerChannelLinkRoutes(app, services);
}
