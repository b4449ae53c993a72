import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

export type Role = 'admin' | 'supervisor' | 'agent';

/** The scopes an API token may carry. */
export const API_SCOPES = [
  'tickets:read',
  'tickets:write',
  'customers:read',
  'customers:write',
  'help:write',
  'safety:scan',
  'admin',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who is asking. Resolved once per request by the auth plugin. */
export type Principal =
  | {
      kind: 'agent';
      agentId: string;
      role: Role;
      sessionId: string;
      /** Two-factor is required of this role and not set up yet: only enrolment is open. */
      mustEnrolTwoFactor?: boolean;
    }
  | { kind: 'integration'; tokenId: string; scopes: ApiScope[] }
  | { kind: 'customer'; customerId: string; isVisitor: boolean; sessionId: string }
  | { kind: 'anonymous' };

export type AgentPrincipal = Extract<Principal, { kind: 'agent' }>;
export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;
/** Someone acting for the desk: a signed-in agent, or an integration token with the scope. */
export type StaffPrincipal = AgentPrincipal | Extract<Principal, { kind: 'integration' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

const ROLE_RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** An agent of at least `minRole`. */
export function requireAgent(request: FastifyRequest, minRole: Role = 'agent'): AgentPrincipal {
  const p = request.principal;
  if (p.kind !== 'agent') throw new AppError(p.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  if (ROLE_RANK[p.role] < ROLE_RANK[minRole]) throw new AppError('forbidden');
  return p;
}

/** An agent (of at least `minRole`), or an API token carrying `scope`. */
export function requireStaff(
  request: FastifyRequest,
  scope: ApiScope,
  minRole: Role = 'agent',
): StaffPrincipal {
  const p = request.principal;
  if (p.kind === 'integration') {
    if (!p.scopes.includes(scope) && !p.scopes.includes('admin'))
      throw new AppError('insufficient_scope', { scope });
    return p;
  }
  return requireAgent(request, minRole);
}

export function requireCustomer(request: FastifyRequest): CustomerPrincipal {
  const p = request.principal;
  if (p.kind !== 'customer') throw new AppError(p.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  return p;
}

/** The actor columns of history rows. */
export function actorOf(p: StaffPrincipal | CustomerPrincipal): {
  actorType: 'agent' | 'integration' | 'customer';
  actorId: string;
} {
  if (p.kind === 'agent') return { actorType: 'agent', actorId: p.agentId };
  if (p.kind === 'integration') return { actorType: 'integration', actorId: p.tokenId };
  return { actorType: 'customer', actorId: p.customerId };
}
