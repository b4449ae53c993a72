import { randomBytes } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import type { UnavailableFrame } from '../../../shared/chat-protocol.ts';
import { type Principal, requireAgent } from '../identity/principal.ts';
import { findCustomerSession } from '../identity/sessions.ts';
import { AppError, errorMessage } from '../platform/errors.ts';
import { languageFromAcceptHeader } from '../platform/i18n.ts';
import type { App, Services } from '../platform/services.ts';
import { createAgentActions } from './agent-actions.ts';
import type { BotKnowledge } from './bot.ts';
import { type ChatBus, inProcessBus, redisBus } from './bus.ts';
import { type ChatLimits, DEFAULT_LIMITS, type Identity, serveConnection } from './connection.ts';
import { registerChatHoursRoutes } from './hours-routes.ts';
import { createHub } from './hub.ts';
import { createChatMetrics, createLoadMonitor, isDependencyDown, retryAfterMsOf } from './load.ts';
import { createActivity } from './presence.ts';
import { bridgeTicketRoutes } from './rest-bridge.ts';
import { createChatService } from './service.ts';
import { registerChatStaffRoutes } from './staff-routes.ts';
import { registerThumbnailRoute } from './thumbnails.ts';

export interface ChatOptions {
  knowledge: BotKnowledge;
  limits?: Partial<ChatLimits>;
  /** The desk's per-customer civility limits (safety/civility.ts), applied to chat messages too. */
  checkCustomerPace?: (customerId: string, text: string) => Promise<void>;
  /** The app's Prometheus registry: load shedding is counted there. */
  metrics?: Registry;
}

/** What a test (or an operator's shutdown) can do to this node's chat. */
export interface ChatNode {
  nodeId: string;
  connections(): number;
  /** Drops every socket at once without a goodbye, as a crashed node would. */
  terminate(): Promise<void>;
  /** Signs an agent off chat now (deactivated by an admin): their chats go back to the queue. */
  signOff(agentId: string): Promise<void>;
  /** Why this node admits no new handoffs now (admission control), or null. */
  overloaded(): 'lag' | 'sockets' | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    chatNode: ChatNode;
  }
}

const AUTH_TIMEOUT_MS = 10_000;
/** WebSocket close code 1013, "try again later": overloaded, or a dependency is away. */
const TRY_AGAIN_LATER = 1013;

/**
 * Live chat on this node: the WebSocket at /api/v1/chat/ws, the bus to the other nodes (Redis
 * when REDIS_URL is set), and the timers that vouch for local agents and sweep the queues.
 */
export async function registerChat(app: App, services: Services, options: ChatOptions): Promise<ChatNode> {
  const { config, db, logger } = services;
  const nodeId = randomBytes(4).toString('hex');
  const bus: ChatBus = config.redisUrl
    ? await redisBus(config.redisUrl, {
        prefix: config.redisPrefix,
        degradation: services.degradation,
        logger: services.logger,
      })
    : inProcessBus();
  let sockets = () => 0;
  const load = createLoadMonitor({
    maxLagMs: config.chatOverload.maxLagMs,
    maxSockets: config.chatOverload.maxSockets,
    sockets: () => sockets(),
  });
  const metrics = createChatMetrics(options.metrics, { sockets: () => sockets(), lagMs: load.lagMs });
  const activity = createActivity();
  const deps = {
    db,
    jobs: services.jobs,
    bus,
    knowledge: options.knowledge,
    graceSeconds: config.chatAgentGraceSeconds,
    overload: config.chatOverload,
    load,
    metrics,
    logger,
    ...(options.checkCustomerPace ? { checkCustomerPace: options.checkCustomerPace } : {}),
  };
  const chat = createChatService(deps);
  const actions = createAgentActions(deps, chat);
  const hub = createHub(db, bus, chat);
  // Every upgraded socket counts, signed in or not yet (each holds memory and a file descriptor).
  sockets = () => app.websocketServer?.clients.size ?? hub.connections();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const parts = { deps, chat, actions, hub, bus, limits, nodeId, activity };

  // Any request of a signed-in agent shows they are there, whichever socket is slow or gone.
  app.addHook('onResponse', async (request) => {
    const p = request.principal as Principal | undefined;
    if (p?.kind === 'agent') activity.touch(p.agentId);
  });

  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const every = (ms: number, work: () => Promise<void>) => {
    let running = false;
    const t = setInterval(() => {
      if (running || stopped) return;
      running = true;
      work()
        .catch((err) => logger.warn({ err }, 'chat timer failed'))
        .finally(() => {
          running = false;
        });
    }, ms);
    t.unref();
    timers.push(t);
  };
  const stop = async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    load.stop();
  };
  app.addHook('onReady', async () => {
    const grace = config.chatAgentGraceSeconds * 1000;
    // Agents with a socket here, and those heard from over HTTP or a socket since the last vouch.
    every(Math.max(250, Math.min(grace / 3, 10_000)), () =>
      chat.vouchFor([...new Set([...hub.localAgents(), ...activity.drain()])]),
    );
    every(Math.max(250, Math.min(grace / 2, 2_000)), () => chat.sweep());
  });
  app.addHook('onClose', async () => {
    await stop();
    hub.closeAll(1001, 'server shutting down');
    await bus.close();
  });
  const node: ChatNode = {
    nodeId,
    connections: () => hub.connections(),
    signOff: (agentId) => actions.setPresence(agentId, 'offline'),
    overloaded: () => load.overloaded(),
    async terminate() {
      await stop();
      for (const ws of app.websocketServer.clients) ws.terminate();
      await bus.close();
    },
  };

  registerThumbnailRoute(app, services);
  bridgeTicketRoutes(app, services, chat);
  registerChatStaffRoutes(app, services, actions);
  registerChatHoursRoutes(app, services);

  app.get(
    '/chat/ws',
    { websocket: true, config: { public: true }, schema: { hide: true } },
    (socket: WebSocket, request) => {
      const lang = languageFromAcceptHeader(request.headers['accept-language']) ?? 'zh-CN';
      const refuse = (code: 'unauthenticated' | 'origin_not_allowed') => {
        socket.send(JSON.stringify({ type: 'error', code, message: errorMessage(code, lang) }));
        socket.close(4401, code);
      };
      /** Come back later (with jitter on the client's side): this node or a dependency cannot serve now. */
      const later = (reason: UnavailableFrame['reason'], retryAfterMs: number) => {
        if (socket.readyState !== socket.OPEN) return;
        socket.send(JSON.stringify({ type: 'unavailable', reason, retryAfterMs } satisfies UnavailableFrame));
        socket.close(TRY_AGAIN_LATER, reason);
      };
      if (load.full()) {
        metrics.shed.inc({ what: 'socket' });
        return later('overloaded', 10_000);
      }
      const begin = (who: Identity) => {
        serveConnection(parts, socket, who, lang);
        welcome(who).catch((err: unknown) => {
          if (isDependencyDown(err)) {
            metrics.unavailable.inc();
            return later('dependency', retryAfterMsOf(err));
          }
          logger.error({ err }, 'chat welcome failed');
          socket.close(1011, 'internal error');
        });
      };
      const welcome = async (who: Identity) => {
        if (who.role === 'agent') await chat.vouchFor([who.id]);
        const assigned = who.role === 'agent' ? await chat.assignedTo(who.id) : undefined;
        if (socket.readyState !== socket.OPEN) return;
        socket.send(
          JSON.stringify({
            type: 'welcome',
            role: who.role,
            id: who.id,
            nodeId,
            serverTime: new Date().toISOString(),
            limits,
            ...(assigned ? { assigned } : {}),
          }),
        );
      };
      const p: Principal = request.principal;
      if (p.kind === 'agent') {
        // A cookie rides along on any page's request: only our own pages may open an agent socket.
        const origin = request.headers.origin;
        if (origin && origin !== config.publicUrl.origin) return refuse('origin_not_allowed');
        const agent = requireAgent(request);
        return begin({ role: 'agent', id: agent.agentId, agentRole: agent.role });
      }
      if (p.kind === 'customer') return begin({ role: 'customer', id: p.customerId });
      if (p.kind !== 'anonymous') return refuse('unauthenticated');
      // Browsers cannot set headers on a WebSocket: a customer sends the kfc_ token first.
      const timer = setTimeout(() => refuse('unauthenticated'), AUTH_TIMEOUT_MS);
      socket.once('message', async (data) => {
        clearTimeout(timer);
        try {
          const frame = JSON.parse(String(data)) as { type?: string; token?: string };
          if (frame.type !== 'auth' || typeof frame.token !== 'string') throw new AppError('unauthenticated');
          const session = await findCustomerSession(db, frame.token);
          if (!session) throw new AppError('unauthenticated');
          begin({ role: 'customer', id: session.customerId });
        } catch (err) {
          // The database away is not a wrong token: the customer must not be sent to sign in again.
          if (isDependencyDown(err)) {
            metrics.unavailable.inc();
            return later('dependency', retryAfterMsOf(err));
          }
          refuse('unauthenticated');
        }
      });
    },
  );
  return node;
}
export type { ChatLimits } from './connection.ts';
