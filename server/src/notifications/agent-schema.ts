import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agents } from '../identity/schema.ts';
import { tickets } from '../tickets/schema.ts';

export const AGENT_NOTICE_KINDS = [
  'assigned',
  'mentioned',
  'customer_reply',
  'sla_near',
  'sla_breached',
  /** A trigger's "notify" action. */
  'automation',
  /** A third party answered one of the agent's side conversations. */
  'side_reply',
] as const;
export type AgentNoticeKind = (typeof AGENT_NOTICE_KINDS)[number];
/** A change to the agent's own sign-in (two-factor): always shown and mailed, no preference. */
export type SecurityNoticeKind = 'security';

/** The agent's notifications in the workspace. */
export const agentNotifications = pgTable(
  'agent_notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text().$type<AgentNoticeKind | SecurityNoticeKind>().notNull(),
    /** What caused it (a message id, an SLA metric …): the same cause notifies an agent once. */
    sourceKey: text('source_key').notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** The agent's preference when it was raised: shown in the workspace, and/or owed by mail. */
    inApp: boolean('in_app').notNull().default(true),
    email: boolean().notNull().default(false),
    /** Set once the mail module has handed it to the relay (channels/email/notify.ts). */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    /**
     * While a send is running: the attempt holding it, until then. Another node's job waits; a
     * node that died mid-send lets go when it passes, and the retry sends the same Message-ID.
     */
    emailLeaseUntil: timestamp('email_lease_until', { withTimezone: true }),
  },
  (t) => [
    index('agent_notifications_agent_idx').on(t.agentId, t.createdAt),
    uniqueIndex('agent_notifications_source_key').on(t.agentId, t.kind, t.sourceKey),
  ],
);

/** Per agent and kind: in the workspace, by email, both or neither. No row = in-app only. */
export const agentNotificationPrefs = pgTable(
  'agent_notification_prefs',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    kind: text().$type<AgentNoticeKind>().notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.kind] })],
);
