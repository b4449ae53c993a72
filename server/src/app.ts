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
import { registerCannedRoutes } from './canned/routes.ts';
import { registerEmailChannel } from './channels/email/channel.ts';
import { registerUnsubscribeRoutes } from './channels/email/unsubscribe-routes.ts';
import { lookupVerificationCode } from './channels/email/verification.ts';
import { registerChannelJobs, registerChannelRoutes } from './channels/register.ts';
import { registerChannelReplyJob } from './channels/reply-job.ts';
import { createChannelRegistry } from './channels/transport.ts';
import type { BotKnowledge } from './chat/bot.ts';
import { DEFAULT_LIMITS } from './chat/connection.ts';
import { type ChatLimits, type ChatNode, registerChat } from './chat/routes.ts';
import type { Config } from './config/config.ts';
import { registerContactRoutes } from './contact/routes.ts';
import { registerCsatRoutes } from './csat/routes.ts';
import { registerCustomerRoutes } from './customers/routes.ts';
import type { Database } from './db/client.ts';
import { registerDeskRoutes } from './desk/routes.ts';
import { helpCenterKnowledge } from './help/bot-knowledge.ts';
import { registerHelpRoutes } from './help/routes.ts';
import { registerAdminRoutes } from './identity/admin-routes.ts';
import { registerAuthHook } from './identity/auth-hook.ts';
import { registerAuthRoutes } from './identity/auth-routes.ts';
import { registerAgentNotificationRoutes } from './notifications/agent-routes.ts';
import { registerInboxJobs } from './notifications/inbox.ts';
import { registerInboxRoutes } from './notifications/routes.ts';
import { registerHealth } from './platform/health.ts';
import { registerErrorHandling } from './platform/http-errors.ts';
import { createJobs } from './platform/jobs.ts';
import { registerMetrics } from './platform/metrics.ts';
import { shareForgetsOverRedis } from './platform/node-cache.ts';
import { createRedis } from './platform/redis.ts';
import type { App, Services } from './platform/services.ts';
import { validatorCompiler } from './platform/validation.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { checkCustomerMessage, civilityLimitsFor } from './safety/civility.ts';
import { memoryRateLimiter, redisRateLimiter } from './safety/rate-limiter.ts';
import { registerSafetyRoutes } from './safety/routes.ts';
import { registerSlaJobs } from './sla/breach-watch.ts';
import { registerSlaRoutes } from './sla/routes.ts';
import { registerCustomerTicketRoutes } from './tickets/customer-routes.ts';
import { registerStaffTicketRoutes } from './tickets/staff-routes.ts';
import { registerAgentApp } from './web/agent-app.ts';
import { registerCustomerApp } from './web/customer-app.ts';
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
    trustProxy: true,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const jobs = createJobs(database, logger, config.jobPollSeconds);
  const services: Services = {
    config,
    database,
    db: database.db,
    jobs,
    storage: fileStorage(join(config.dataDir, 'attachments')),
    logger,
    channels: createChannelRegistry(),
  };
  registerInboxJobs(services);
  const slaWatch = registerSlaJobs(services);
  registerChannelReplyJob(services, services.channels);
  registerEmailChannel(services, services.channels);
  // Civility limits per customer (文明沟通), in Redis with several nodes so a flood spread over
  // nodes is still one flood. Closed by the safety routes on shutdown. The social channels hold
  // their contacts to the same pace.
  const customerLimiter = config.redisUrl
    ? redisRateLimiter(createRedis(config.redisUrl))
    : memoryRateLimiter();
  const channelPullers = registerChannelJobs(services, { limiter: customerLimiter });

  registerErrorHandling(app, { bodyBytes: BODY_LIMIT, uploadBytes: config.maxUploadBytes });
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
    ? await shareForgetsOverRedis(database.db, config.redisUrl)
    : async () => {};

  registerHealth(app, database);
  registerMetrics(app, { token: config.metricsToken });
  registerAuthHook(app, services);

  let chatNode: ChatNode | null = null;
  await app.register(
    async (api) => {
      const scoped = api as unknown as App;
      registerAuthRoutes(scoped, services);
      registerAdminRoutes(scoped, services);
      registerDeskRoutes(scoped, services);
      registerCustomerRoutes(scoped, services);
      registerCustomerTicketRoutes(scoped, services);
      registerStaffTicketRoutes(scoped, services);
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
      registerWorkspaceRoutes(scoped, services);
      registerSafetyRoutes(scoped, services, {
        lookupCode: lookupVerificationCode,
        limiter: customerLimiter,
      });
      chatNode = await registerChat(scoped, services, {
        knowledge: botKnowledge ?? helpCenterKnowledge(services.db),
        limits: chatLimits,
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

  await registerCustomerApp(app, config.embedOrigins);

  app.addHook('onReady', async () => {
    await jobs.start();
    slaWatch.start();
    // Listeners (SMTP, IMAP polling, Telegram long polling) start only for channels with settings.
    for (const adapter of services.channels.all()) await adapter.start?.();
    await channelPullers.startAll();
  });
  app.addHook('onClose', async () => {
    slaWatch.stop();
    await channelPullers.stopAll();
    for (const adapter of services.channels.all()) await adapter.stop?.();
    await jobs.stop();
    await stopSharingForgets();
  });
  return { app, services };
}
