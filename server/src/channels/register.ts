import type { App, Services } from '../platform/services.ts';
import type { RateLimiter } from '../safety/rate-limiter.ts';
import { registerChannelAdminRoutes } from './admin-routes.ts';
import { registerChannelLinkRoutes } from './customer-routes.ts';
import { registerEmailAdminRoutes } from './email/admin-routes.ts';
import { registerChannelInboundRoutes } from './inbound-routes.ts';
import { channelInbound } from './ingest.ts';
import { channelReply, processReply } from './outbound.ts';
import { processInbound } from './process-inbound.ts';
import { createPullers, type Pullers } from './pullers.ts';
import { type SecretDetector, safetySecretDetector } from './screening.ts';

/**
 * The channel core's queue workers, and the pull loops it runs (start them once the queue runs).
 * `detector` is where the safety capability's scanner plugs in (messages are screened as they
 * arrive, ingest.ts); `limiter` is the civility limiter
 * (memory, or Redis with several nodes) the per-person pace and the auto-answer limits count in.
 */
export function registerChannelJobs(
  services: Services,
  core: { detector?: SecretDetector; limiter: RateLimiter },
): Pullers {
  const detector = core.detector ?? safetySecretDetector;
  services.jobs.handle(channelInbound, async ({ deliveryId }, { logger }) => {
    await processInbound(services, { limiter: core.limiter }, deliveryId, logger);
  });
  services.jobs.handle(channelReply, async ({ messageId }, { logger, retryCount }) => {
    await processReply(services, messageId, { retryCount, log: logger });
  });
  return createPullers(services, { limiter: core.limiter, detector });
}

/** Routes under /api/v1. */
export function registerChannelRoutes(app: App, services: Services, pullers: Pullers, limiter: RateLimiter) {
  registerChannelAdminRoutes(app, services, pullers);
  registerChannelInboundRoutes(app, services, { limiter, detector: safetySecretDetector });
  registerChannelLinkRoutes(app, services);
  registerEmailAdminRoutes(app, services);
}
