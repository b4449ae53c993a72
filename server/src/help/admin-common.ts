import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireStaff } from '../identity/principal.ts';

/** Shared by the help admin route files: who may edit, and the schema pieces they all use. */
export const tags = ['help admin'];
export const Lang = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' });
export const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const Ids = Type.Object(
  { ids: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }) },
  { additionalProperties: false },
);
export const strict = { additionalProperties: false } as const;

/** Admins (role admin) or integrations with the help:write scope write the help center. */
export function editor(request: FastifyRequest): string | null {
  const p = requireStaff(request, 'help:write', 'admin');
  return p.kind === 'agent' ? p.agentId : null;
}

/** The same test without throwing: may this caller see drafts (and their images)? */
export function isEditor(request: FastifyRequest): boolean {
  const p = request.principal;
  if (p.kind === 'agent') return p.role === 'admin';
  return p.kind === 'integration' && (p.scopes.includes('help:write') || p.scopes.includes('admin'));
}
