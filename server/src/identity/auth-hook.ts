import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { App, Services } from '../platform/services.ts';
import type { ApiScope } from './principal.ts';
import { safeEqual } from './secrets.ts';
import { findAgentSession, findApiToken, findCustomerSession } from './sessions.ts';
import { ENROLMENT_ROUTES, readTwoFactorRule } from './two-factor-rule.ts';

export const SESSION_COOKIE = 'kefu_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is asking, once per request, before any handler runs:
 * - `Authorization: Bearer kft_…` an integrator's API token,
 * - `Authorization: Bearer kfc_…` a customer's session (opened from the host app's identity token),
 * - the `kefu_session` cookie, an agent's browser session; its unsafe requests must carry the
 *   session's CSRF token in `X-CSRF-Token` (cookies are sent by browsers on their own; headers are not).
 * A credential that is presented but wrong is refused; none at all means anonymous.
 */
export function registerAuthHook(app: App, services: Services) {
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    request.principal = { kind: 'anonymous' };
    // A route with its own credential (the metrics scraper's token) reads the header itself.
    if (request.routeOptions.config.ownCredentials) return;
    const auth = request.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m) throw new AppError('unauthenticated');
      const token = m[1]!;
      if (token.startsWith('kft_')) {
        const row = await findApiToken(services.db, token);
        if (!row) throw new AppError('unauthenticated');
        request.principal = { kind: 'integration', tokenId: row.id, scopes: row.scopes as ApiScope[] };
        return;
      }
      if (token.startsWith('kfc_')) {
        const row = await findCustomerSession(services.db, token);
        if (!row) throw new AppError('session_expired');
        request.principal = {
          kind: 'customer',
          customerId: row.customerId,
          isVisitor: row.isVisitor,
          sessionId: row.sessionId,
        };
        return;
      }
      throw new AppError('unauthenticated');
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await findAgentSession(services.db, cookie);
    if (!session) return; // a stale cookie is no identity; routes that need one say "sign in"
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError('csrf_failed');
    }
    if (session.stage !== 'active') {
      request.pendingTotpSessionId = session.sessionId;
      request.pendingTotpAgentId = session.agentId;
      return;
    }
    request.principal = {
      kind: 'agent',
      agentId: session.agentId,
      role: session.role,
      sessionId: session.sessionId,
      ...(!session.hasTwoFactor && (await readTwoFactorRule(services.db)).roles.includes(session.role)
        ? { mustEnrolTwoFactor: true }
        : {}),
    };
  });
  // Who is asking is checked before what they sent: an anonymous caller of a private route gets
  // 401, not a validation error that tells them about the route's schema.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config.public) return;
    if (!request.url.startsWith('/api/')) return;
    // No such route: the not-found handler answers 404 to everyone alike.
    if (request.is404) return;
    // The API documentation is public (swagger-ui's routes cannot carry our route config); it
    // answered 401 to everyone who was not signed in.
    if (request.url === '/api/docs' || request.url.startsWith('/api/docs/')) return;
    if (request.principal.kind === 'anonymous' && !request.pendingTotpSessionId) {
      throw new AppError('unauthenticated');
    }
    // The admins require two-factor of this agent's role: nothing of the desk until enrolled.
    if (
      request.principal.kind === 'agent' &&
      request.principal.mustEnrolTwoFactor &&
      !ENROLMENT_ROUTES.has(request.routeOptions.url ?? '')
    ) {
      throw new AppError('two_factor_enrolment_required');
    }
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without any sign-in (help center, verify page, sign-in itself…). */
    public?: boolean;
    /** The route checks its own Authorization header (not an agent, customer or API token). */
    ownCredentials?: boolean;
  }
  interface FastifyRequest {
    /** Set when the password was right but the second factor is still owed. */
    pendingTotpSessionId?: string;
    pendingTotpAgentId?: string;
  }
}
