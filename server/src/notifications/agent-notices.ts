import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
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
 */
export async function notifyAgents(tx: Executor, notices: readonly AgentNotice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const ids = [...new Set(notices.map((n) => n.agentId))];
  const prefs = await tx
    .select()
    .from(agentNotificationPrefs)
    .where(inArray(agentNotificationPrefs.agentId, ids));
  const active = await tx
    .select({ id: agents.id })
    .from(agents)
    .where(and(inArray(agents.id, ids), isNull(agents.disabledAt)));
  const enabled = new Set(active.map((a) => a.id));
  const rows = notices
    .filter((n) => enabled.has(n.agentId))
    .map((n) => {
      const pref = prefs.find((p) => p.agentId === n.agentId && p.kind === n.kind);
      return { ...n, body: n.body ?? '', inApp: pref?.inApp ?? true, email: pref?.email ?? false };
    })
    .filter((n) => n.inApp || n.email);
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(agentNotifications)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: agentNotifications.id });
  return inserted.length;
}

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
