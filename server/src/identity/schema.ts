import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.ts';

export const agents = pgTable(
  'agents',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    role: text().$type<'admin' | 'supervisor' | 'agent'>().notNull().default('agent'),
    passwordHash: text('password_hash').notNull(),
    /** Base32 TOTP secret once two-factor is confirmed; a pending one waits in `totpPendingSecret`. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    /** When the pending secret was handed out: an enrolment not confirmed soon is void. */
    totpPendingAt: timestamp('totp_pending_at', { withTimezone: true }),
    /** The last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    chatCapacity: integer('chat_capacity').notNull().default(5),
    status: text().$type<'online' | 'away' | 'offline'>().notNull().default('offline'),
    language: text().notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agents_email_key').on(sql`lower(${t.email})`)],
);

export const recoveryCodes = pgTable(
  'agent_recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('agent_recovery_codes_agent_idx').on(t.agentId)],
);

/** An agent's browser session. Only the SHA-256 of the cookie value is stored. */
export const agentSessions = pgTable(
  'agent_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    csrfToken: text('csrf_token').notNull(),
    /** Signed in with the password but the second factor is still owed. */
    stage: text().$type<'active' | 'needs_totp'>().notNull().default('active'),
    userAgent: text('user_agent'),
    ip: text(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('agent_sessions_agent_idx').on(t.agentId)],
);

/** A customer's (or visitor's) session, opened from the host app's signed identity token. */
export const customerSessions = pgTable('customer_sessions', {
  id: uuid().primaryKey().defaultRandom(),
  customerId: uuid('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Integrators' tokens: shown once, stored as a hash, limited to scopes. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** The first characters, so an admin can tell tokens apart without the secret. */
  prefix: text().notNull(),
  scopes: text().array().notNull(),
  createdBy: uuid('created_by').references(() => agents.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type SignInLimitScope = 'address' | 'pair' | 'account' | 'second_factor';

/**
 * Failed attempts per scope (a network address, an account from one address, an account, an
 * agent's second factor) and how long the next attempt waits. One row per key, claimed with one
 * conditional upsert, so parallel attempts cannot all slip through (throttle.ts).
 */
export const signInLimits = pgTable(
  'sign_in_limits',
  {
    scope: text().$type<SignInLimitScope>().notNull(),
    key: text().notNull(),
    failures: integer().notNull().default(0),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull().defaultNow(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('sign_in_limits_last_idx').on(t.lastFailureAt)],
);

/** Identity-token ids (`jti`) already used to open a session, kept until the token expires. */
export const usedIdentityTokens = pgTable(
  'used_identity_tokens',
  {
    /** SHA-256 of issuer and jti: the host app's ids are not ours to keep in clear. */
    idHash: text('id_hash').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('used_identity_tokens_expires_idx').on(t.expiresAt)],
);
