import type { FastifyRequest } from 'fastify';
import type { agents } from './schema.ts';

/** An agent as the API shows them: never the password hash or the two-factor secret. */
export function presentAgent(a: typeof agents.$inferSelect) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    status: a.status,
    chatCapacity: a.chatCapacity,
    language: a.language,
    timeZone: a.timeZone,
    twoFactor: a.totpSecret !== null,
    disabled: a.disabledAt !== null,
  };
}

/** Who did it, for the audit log: the signed-in agent and where they came from. */
export function agentActor(id: string, request: FastifyRequest) {
  return { actorType: 'agent' as const, actorId: id, ip: request.ip };
}
