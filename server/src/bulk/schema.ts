import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agents } from '../identity/schema.ts';

/** What one bulk action does to each ticket of its selection (see bulk/actions.ts). */
export type BulkAction =
  | { type: 'status'; value: string }
  | { type: 'priority'; value: string }
  | { type: 'team'; value: string | null }
  | { type: 'assignee'; value: string | null }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'macro'; macroId: string }
  | { type: 'link_incident'; incident: string };

export interface BulkFailure {
  ticketId: string;
  number: string;
  code: string;
  params: Record<string, string | number>;
}

/**
 * A bulk action in the inbox: the selection as it was when the agent asked (ids), worked through
 * in batches by a pg-boss job that counts its progress here.
 */
export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    action: jsonb().$type<BulkAction>().notNull(),
    ticketIds: uuid('ticket_ids').array().notNull(),
    total: integer().notNull(),
    done: integer().notNull().default(0),
    changed: integer().notNull().default(0),
    failures: jsonb().$type<BulkFailure[]>().notNull().default([]),
    state: text().$type<'queued' | 'running' | 'finished'>().notNull().default('queued'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('bulk_jobs_agent_idx').on(t.agentId, t.createdAt)],
);
