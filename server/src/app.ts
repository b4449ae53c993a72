import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import { registerAttachmentRoutes } from './attachments/routes.ts';
import { fileStorage } from './attachments/storage.ts';
import { registerAuditRoutes } from './audit/routes.ts';
import { registerTriggerRoutes } from './automations/routes.ts';
import { registerTimeRuleRoutes } from './automations/time-routes.ts';
import { registerTimeRuleJobs } from './automations/time-rules.ts';
import { subscribeTriggers } from './automations/triggers.ts';
import { registerBrandRoutes } from './brand/routes.ts';
import { registerBulkRoutes } from './bulk/routes.ts';
import { registerBulkJob } from './bulk/run.ts';
import { registerCannedRoutes } from './canned/routes.ts';
import { registerEmailChannel } from './channels/email/channel.ts';
import { registerUnsubscribeRoutes } from './channels/email/unsubscribe-routes.ts';
import { lookupVerificationCode } from './channels/email/verification.ts';
import { subscribeChannelMerges } from './channels/merge-events.ts';
import { registerChannelJobs, registerChannelRoutes } from './channels/register.ts';
import { registerChannelReplyJob } from './channels/reply-job.ts';
import { sealStoredChannelSecrets } from './channels/sealed-secrets.ts';
import { subscribeChannelDelivery } from './channels/ticket-events.ts';
import { createChannelRegistry } from './channels/transport.ts';
import type { BotKnowledge } from './chat/bot.ts';
import { registerBotSettingsRoutes } from './chat/bot-settings-routes.ts';
import { DEFAULT_LIMITS } from './chat/connection.ts';
import { type ChatLimits, type ChatNode, registerChat } from './chat/routes.ts';
import type { Config } from './config/config.ts';
import { registerContactRoutes } from './contact/routes.ts';
import { registerCsatRoutes } from './csat/routes.ts';
import { subscribeRatingRequests } from './csat/ticket-events.ts';
import { registerCustomFieldRoutes } from './custom-fields/routes.ts';
import { registerCustomerFieldRoutes } from './customer-fields/routes.ts';
import { registerCustomerRoutes } from './customers/routes.ts';
import type { Database } from './db/client.ts';
import { registerDeskRoutes } from './desk/routes.ts';
import { helpCenterKnowledge } from './help/bot-knowledge.ts';
import { registerHelpRoutes } from './help/routes.ts';
import { registerAdminRoutes } from './identity/admin-routes.ts';
import { registerAuthHook } from './identity/auth-hook.ts';
import { registerAuthRoutes } from './identity/auth-routes.ts';
import { identityHousekeeping } from './identity/housekeeping.ts';
import { subscribeIncidentMerges } from './incidents/merge.ts';
import { registerIncidentRoutes } from './incidents/routes.ts';
import { subscribeIncidents } from './incidents/subscribers.ts';
import { registerMacroRoutes } from './macros/routes.ts';
import { registerAgentNotificationRoutes } from './notifications/agent-routes.ts';
import { registerInboxJobs } from './notifications/inbox.ts';
import { registerInboxRoutes } from './notifications/routes.ts';
import { subscribeNotices } from './notifications/ticket-events.ts';
import { registerPeopleRoutes } from './people/routes.ts';
import { REQUEST_TIMEOUT_MS, registerBodyTimeout } from './platform/body-timeout.ts';
import { createDegradation } from './platform/degradation.ts';
import { registerHealth } from './platform/health.ts';
import { frameworkErrors, type NotFoundPages, registerErrorHandling } from './platform/http-errors.ts';
import { registerInputGuard } from './platform/input-guard.ts';
import { createJobs } from './platform/jobs.ts';
import { registerMetrics } from './platform/metrics.ts';
import { shareForgetsOverRedis } from './platform/node-cache.ts';
import type { App, Services } from './platform/services.ts';
import { validatorCompiler } from './platform/validation.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { checkCustomerMessage, civilityLimitsFor } from './safety/civility.ts';
import { deskRateLimiter } from './safety/rate-limiter.ts';
import { registerSafetyRoutes } from './safety/routes.ts';
import { registerSetupRoutes } from './setup/routes.ts';
import { subscribeSideConversationMerges } from './side-conversations/merge-events.ts';
import { registerSideConversations } from './side-conversations/register.ts';
import { registerSideConversationRoutes } from './side-conversations/routes.ts';
import { registerSlaJobs } from './sla/breach-watch.ts';
import { registerSlaRoutes } from './sla/routes.ts';
import { subscribeServiceLevels } from './sla/ticket-events.ts';
import { registerTicketPageRoutes } from './ticket-pages/detail-routes.ts';
import { subscribeTicketSearchMerges } from './ticket-search/merge-events.ts';
import { subscribeTicketSearch } from './ticket-search/ticket-events.ts';
import { registerCustomerTicketRoutes } from './tickets/customer-routes.ts';
import { registerMergeRoutes } from './tickets/merge-routes.ts';
import { registerStaffTicketRoutes } from './tickets/staff-routes.ts';
import { viewCountHousekeeping } from './tickets/view-counters.ts';
import { registerAgentApp } from './web/agent-app.ts';
import { registerCustomerApp } from './web/customer-app.ts';
import { subscribeWebhooks } from './webhooks/deliveries.ts';
import { registerWebhookRoutes } from './webhooks/routes.ts';
import { sealStoredSigningSecrets } from './webhooks/signing-secret.ts';
import { registerWorkspaceRoutes } from './workspace/routes.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  logger: Logger;
  /** The help center's search, for the chat bot (none: the bot offers a person at once). */
  botKnowledge?: BotKnowledge;
  /** Per-connection chat limits (tests and benchmarks raise or lower them). */
  chatLimits?: Partial<ChatLimits>;
}

/** JSON bodies larger than this are refused; uploads have their own limit (MAX_UPLOAD_MB). */
const BODY_LIMIT = 1024 * 1024;

/**
 * Builds the whole application without listening, so tests call `app.inject()` and `main.ts`
 * calls `listen()`. The caller owns the database; `app.close()` stops the job workers.
 */
export async function buildApp({
  config,
  database,
  logger,
  botKnowledge,
  chatLimits,
}: BuildOptions): Promise<{ app: App; services: Services }> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT,
    // X-Forwarded-For only from the configured proxies: anyone else would choose their own address
    // for the per-address limits, the audit log and the session list.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own refusals (a path parameter over 100 characters, bad percent-encoding)
    // answer in our error shape like every other 4xx.
    frameworkErrors,
    // Fastify turns Node's request timeout off; a request that never finishes arriving must end.
    requestTimeout: REQUEST_TIMEOUT_MS,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  registerInputGuard(app);
  registerBodyTimeout(app, config.bodyIdleSeconds * 1000);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const jobs = createJobs(database, logger, config.jobPollSeconds);
  const degradation = createDegradation(logger);
  const services: Services = {
    config,
    database,
    db: database.db,
    jobs,
    storage: fileStorage(join(config.dataDir, 'attachments')),
    logger,
    degradation,
    channels: createChannelRegistry(),
  };
  // What follows a ticket's change: each capability subscribes to the ticket events. The
  // in-transaction ones run in this order inside the write (the rating request joins the timeline
  // before the customer's notice of the solution); see docs/automations.md for the table.
  subscribeServiceLevels();
  subscribeRatingRequests();
  subscribeNotices();
  subscribeChannelDelivery();
  subscribeChannelMerges();
  subscribeSideConversationMerges();
  subscribeTriggers(services);
  subscribeWebhooks(services);
  subscribeIncidentMerges(services);
  subscribeIncidents(services);
  registerBulkJob(services);
  subscribeTicketSearch();
  subscribeTicketSearchMerges();
  registerInboxJobs(services);
  const slaWatch = registerSlaJobs(services);
  const timeRuleScan = registerTimeRuleJobs(services);
  const identitySweep = identityHousekeeping(database.db, logger);
  const viewCountFold = viewCountHousekeeping(database.db, logger);
  registerChannelReplyJob(services, services.channels);
  const emailChannel = registerEmailChannel(services, services.channels);
  registerSideConversations(services, emailChannel);
  // Civility limits per customer (文明沟通), in Redis with several nodes so a flood spread over
  // nodes is still one flood. Closed by the safety routes on shutdown. The social channels hold
  // their contacts to the same pace.
  // While Redis is away each node counts on its own (logged, and in /metrics).
  const customerLimiter = deskRateLimiter(config, degradation);
  const channelPullers = registerChannelJobs(services, { limiter: customerLimiter });

  const notFoundPages: NotFoundPages = {};
  registerErrorHandling(app, { bodyBytes: BODY_LIMIT, uploadBytes: config.maxUploadBytes }, notFoundPages);
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 12 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Kefu API',
        version: '1',
        description:
          'The REST API of Kefu, the support desk. Agents authenticate with the session cookie (and send ' +
          'X-CSRF-Token on writes), integrations with `Authorization: Bearer kft_…`, customers with the ' +
          '`kfc_…` token from POST /api/v1/customer/session. Errors are `{ "error": { "code", "message" } }`.',
      },
      components: {
        securitySchemes: {
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'kft_… (integrations) or kfc_… (customers)',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(websocket, { options: { maxPayload: DEFAULT_LIMITS.maxFrameBytes } });

  // Per-node caches (sessions, categories, SLA rules): with several nodes, an edit on one node
  // makes every node forget its copy, over Redis.
  const stopSharingForgets = config.redisUrl
    ? await shareForgetsOverRedis(database.db, config.redisUrl, { prefix: config.redisPrefix, degradation })
    : async () => {};

  registerHealth(app, database);
  const metricsRegistry = registerMetrics(app, { token: config.metricsToken, extra: degradation.metrics });
  registerAuthHook(app, services);

  let chatNode: ChatNode | null = null;
  await app.register(
    async (api) => {
      const scoped = api as unknown as App;
      registerSetupRoutes(scoped, services);
      registerAuthRoutes(scoped, services);
      registerAdminRoutes(scoped, services);
      registerBrandRoutes(scoped, services);
      registerBotSettingsRoutes(scoped, services);
      registerPeopleRoutes(scoped, services);
      registerDeskRoutes(scoped, services);
      registerCustomerRoutes(scoped, services, customerLimiter);
      registerCustomerTicketRoutes(scoped, services);
      registerStaffTicketRoutes(scoped, services);
      registerTicketPageRoutes(scoped, services);
      registerMergeRoutes(scoped, services);
      registerAttachmentRoutes(scoped, services);
      registerInboxRoutes(scoped, services);
      registerAuditRoutes(scoped, services);
      registerContactRoutes(scoped, services);
      registerSlaRoutes(scoped, services);
      registerAgentNotificationRoutes(scoped, services);
      registerCsatRoutes(scoped, services);
      registerUnsubscribeRoutes(scoped, services);
      registerReportRoutes(scoped, services);
      registerCannedRoutes(scoped, services);
      registerMacroRoutes(scoped, services);
      registerCustomFieldRoutes(scoped, services);
      registerCustomerFieldRoutes(scoped, services);
      registerIncidentRoutes(scoped, services);
      registerSideConversationRoutes(scoped, services);
      registerBulkRoutes(scoped, services);
      registerTriggerRoutes(scoped, services);
      registerTimeRuleRoutes(scoped, services);
      registerWebhookRoutes(scoped, services);
      registerWorkspaceRoutes(scoped, services);
      registerSafetyRoutes(scoped, services, {
        lookupCode: lookupVerificationCode,
        limiter: customerLimiter,
      });
      chatNode = await registerChat(scoped, services, {
        knowledge: botKnowledge ?? helpCenterKnowledge(services.db),
        limits: chatLimits,
        metrics: metricsRegistry,
        // One pace for a customer whichever way they write: the REST routes and the chat share it.
        checkCustomerPace: (customerId, text) =>
          checkCustomerMessage(customerLimiter, customerId, text, civilityLimitsFor(config.customerPace)),
      });
      registerChannelRoutes(scoped, services, channelPullers, customerLimiter);
      registerHelpRoutes(scoped, services);
    },
    { prefix: '/api/v1' },
  );
  app.decorate('chatNode', chatNode!);

  await registerAgentApp(app);

  // An unknown page asked for by a browser gets the customer app, whose router says "not found".
  notFoundPages.html = await registerCustomerApp(app, config.embedOrigins);

  app.addHook('onReady', async () => {
    await jobs.start();
    slaWatch.start();
    timeRuleScan.start();
    identitySweep.start();
    viewCountFold.start();
    // Listeners (SMTP, IMAP polling, Telegram long polling) start only for channels with settings.
    for (const adapter of services.channels.all()) await adapter.start?.();
    // Secrets an earlier version stored plain are sealed before anything reads them.
    const sealed = {
      channels: await sealStoredChannelSecrets(services.db, services.config.appSecret),
      webhooks: await sealStoredSigningSecrets(services.db, services.config.appSecret),
    };
    if (sealed.channels + sealed.webhooks > 0)
      services.logger.info({ sealed }, 'secrets stored plain by an earlier version sealed');
    await channelPullers.startAll();
  });
  app.addHook('onClose', async () => {
    slaWatch.stop();
    timeRuleScan.stop();
    identitySweep.stop();
    viewCountFold.stop();
    await channelPullers.stopAll();
    for (const adapter of services.channels.all()) await adapter.stop?.();
    await jobs.stop();
    await stopSharingForgets();
  });
  return { app, services };
}
