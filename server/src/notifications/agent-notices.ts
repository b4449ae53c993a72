import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { namedStatement } from '../db/named-statement.ts';
import { agentTeams } from '../desk/schema.ts';
import { agents } from '../identity/schema.ts';
import { type AgentNoticeKind, agentNotificationPrefs, agentNotifications } from './agent-schema.ts';

export interface AgentNotice {
  agentId: string;
  ticketId: string | null;
  kind: AgentNoticeKind;
  sourceKey: string;
  title: string;
  body?: string;
}

/**
 * Raises notices for agents as each one chose (in the workspace and/or by mail). Inserted in the
 * caller's transaction; the same cause notifies an agent once. Mail delivery is the mail module's
 * job: email/notify.ts sends the rows with `email` set and `emailed_at` empty.
 *
 * One statement: the agents still enabled, their preference per kind (no row = in the workspace
 * only) and the insert. A live chat raises a notice per customer line for its assignee, so this
 * runs in every chat batch; it was three statements built by Drizzle each time.
 */
export async function notifyAgents(tx: Executor, notices: readonly AgentNotice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const input = JSON.stringify(
    notices.map((n) => ({
      agent_id: n.agentId,
      ticket_id: n.ticketId,
      kind: n.kind,
      source_key: n.sourceKey,
      title: n.title,
      body: n.body ?? '',
    })),
  );
  const inserted = await insertNotices.run(tx, { input });
  return inserted.length;
}

const insertNotices = namedStatement<{ input: string }, { id: string }>(
  'kefu_notify_agents',
  (v) => sql`
    with n as (
      select * from jsonb_to_recordset(${v.input}::jsonb)
        as n(agent_id uuid, ticket_id uuid, kind text, source_key text, title text, body text)
    )
    insert into ${agentNotifications} (agent_id, ticket_id, kind, source_key, title, body, in_app, email)
    select n.agent_id, n.ticket_id, n.kind, n.source_key, n.title, n.body,
           coalesce(p.in_app, true), coalesce(p.email, false)
    from n
    join ${agents} a on a.id = n.agent_id and a.disabled_at is null
    left join ${agentNotificationPrefs} p on p.agent_id = n.agent_id and p.kind = n.kind
    where coalesce(p.in_app, true) or coalesce(p.email, false)
    on conflict do nothing
    returning id`,
);

/** Supervisors (and admins) of a team: they hear about its breaches. */
export async function teamSupervisors(tx: Executor, teamId: string | null): Promise<string[]> {
  if (!teamId) return [];
  const rows = await tx
    .select({ id: agents.id })
    .from(agentTeams)
    .innerJoin(agents, eq(agents.id, agentTeams.agentId))
    .where(
      and(
        eq(agentTeams.teamId, teamId),
        inArray(agents.role, ['supervisor', 'admin']),
        isNull(agents.disabledAt),
      ),
    );
  return rows.map((r) => r.id);
}

/** Agents named in a note as @name: the first part of the email, the name, or a word of it. */
export async function mentionedAgents(tx: Executor, body: string): Promise<string[]> {
  if (!body.includes('@')) return [];
  const words = new Set(
    [...body.matchAll(/@([\p{L}\p{N}._-]+)/gu)].map((m) => m[1]!.toLowerCase().replace(/[._-]+$/, '')),
  );
  if (words.size === 0) return [];
  const all = await tx
    .select({ id: agents.id, name: agents.name, email: agents.email })
    .from(agents)
    .where(isNull(agents.disabledAt));
  return all
    .filter((a) => {
      const handles = [a.email.split('@')[0]!, a.name.replace(/\s+/g, ''), ...a.name.split(/\s+/)];
      return handles.some((h) => h && words.has(h.toLowerCase()));
    })
    .map((a) => a.id);
}
