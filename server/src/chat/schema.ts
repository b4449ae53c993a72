import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AgentChatStatus, ArticleCard, ChatState } from '../../../shared/chat-protocol.ts';
import { customers } from '../customers/schema.ts';
import { teams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { messages, tickets } from '../tickets/schema.ts';

/** The live part of a chat ticket: where it is in the bot → queue → agent → end journey. */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    teamId: uuid('team_id').references(() => teams.id),
    state: text().$type<ChatState>().notNull().default('bot'),
    agentId: uuid('agent_id').references(() => agents.id),
    lang: text().$type<'zh-CN' | 'en'>().notNull().default('zh-CN'),
    /** Order in the team's queue, smallest first; a chat given back goes before every new one. */
    queueRank: doublePrecision('queue_rank'),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    botAnswers: integer('bot_answers').notNull().default(0),
    customerReadSeq: integer('customer_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('chat_sessions_queue_idx').on(t.teamId, t.state, t.queueRank),
    index('chat_sessions_agent_idx').on(t.agentId, t.state),
    index('chat_sessions_customer_idx').on(t.customerId, t.state),
    index('chat_sessions_ended_idx').on(t.teamId, t.endedAt),
  ],
);

/** An agent's chat presence. `lastSeenAt` is refreshed by whichever node holds their socket. */
export const chatAgents = pgTable('chat_agents', {
  agentId: uuid('agent_id')
    .primaryKey()
    .references(() => agents.id, { onDelete: 'cascade' }),
  status: text().$type<AgentChatStatus>().notNull().default('offline'),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  /** Last time a chat was given to or taken from them: the longest idle wins a tie. */
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a chat message carries beyond the thread's columns: the bot's article cards. */
export const chatMessageExtras = pgTable('chat_message_extras', {
  messageId: uuid('message_id')
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  cards: jsonb().$type<ArticleCard[]>().notNull(),
  offerHandoff: integer('offer_handoff').notNull().default(0),
});
