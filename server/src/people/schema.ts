import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A one-time invitation for a new agent: the admin chooses role, teams and capacity; the invitee
 * chooses their own password through the link. Only the token's hash is kept.
 */
export const agentInvites = pgTable('agent_invites', {
  id: uuid().primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  email: text().notNull(),
  name: text().notNull(),
  role: text().$type<'admin' | 'supervisor' | 'agent'>().notNull(),
  teamIds: uuid('team_ids').array().notNull(),
  chatCapacity: integer('chat_capacity').notNull().default(5),
  language: text().$type<'zh-CN' | 'en'>().notNull().default('zh-CN'),
  invitedBy: uuid('invited_by'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  /** The agent the invite became, once accepted. */
  agentId: uuid('agent_id'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
