import { and, count, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import { estimateWaits } from '../chat/estimate.ts';
import { teamChatHours } from '../chat/hours.ts';
import { agentsOnShift } from '../chat/routing.ts';
import { chatSessions } from '../chat/schema.ts';
import type { Db } from '../db/client.ts';
import { type ChatFactsSource, chatFactsFromDatabase } from './live-facts.ts';

/**
 * Chat facts from the live-chat module: who of the team is on shift (an agent marked online, or
 * one whose chat node still vouches for them), the team's queue of waiting chats, and the wait a
 * customer joining now should expect, by the same estimator the chat queue shows (recent handle
 * times and busy slots, never a constant). Outside the team's chat hours nobody is on shift, as
 * the chat itself would answer "leave a message", and the facts say when it opens next.
 */
export function liveChatFacts(graceSeconds: number): ChatFactsSource {
  return async (db, teamId) => {
    const base = await chatFactsFromDatabase(db, teamId);
    if (!teamId) return base;
    const onlineSince = new Date(Date.now() - graceSeconds * 1000);
    const hours = await teamChatHours(db, teamId);
    if (!hours.open) {
      const opensAt = hours.opensAt?.toISOString() ?? null;
      return { humanOnShift: false, queueLength: 0, estimatedWaitSeconds: null, opensAt };
    }
    const [onShift, [queued]] = await Promise.all([
      agentsOnShift(db, teamId, onlineSince),
      db
        .select({ n: count() })
        .from(chatSessions)
        .where(and(eq(chatSessions.teamId, teamId), eq(chatSessions.state, 'queued'))),
    ]);
    const queueLength = queued?.n ?? 0;
    const humanOnShift = base.humanOnShift || onShift.length > 0;
    if (onShift.length === 0) return { humanOnShift, queueLength, estimatedWaitSeconds: null, opensAt: null };
    const waits = estimateWaits(await teamLoad(db, teamId, onShift), queueLength + 1);
    return { humanOnShift, queueLength, estimatedWaitSeconds: waits[queueLength] ?? null, opensAt: null };
  };
}

async function teamLoad(db: Db, teamId: string, onShift: Array<{ agentId: string; capacity: number }>) {
  const now = Date.now();
  const [busy, recent] = await Promise.all([
    db
      .select({ assignedAt: chatSessions.assignedAt })
      .from(chatSessions)
      .where(
        and(
          eq(chatSessions.state, 'assigned'),
          inArray(
            chatSessions.agentId,
            onShift.map((a) => a.agentId),
          ),
        ),
      ),
    db
      .select({ assignedAt: chatSessions.assignedAt, endedAt: chatSessions.endedAt })
      .from(chatSessions)
      .where(
        and(
          eq(chatSessions.teamId, teamId),
          isNotNull(chatSessions.assignedAt),
          isNotNull(chatSessions.endedAt),
          gt(chatSessions.endedAt, new Date(now - 2 * 3600_000)),
        ),
      )
      .orderBy(desc(chatSessions.endedAt))
      .limit(50),
  ]);
  return {
    slots: onShift.reduce((s, a) => s + a.capacity, 0),
    busyAges: busy.map((b) => (now - (b.assignedAt?.getTime() ?? now)) / 1000),
    recentHandles: recent.map((r) => (r.endedAt!.getTime() - r.assignedAt!.getTime()) / 1000),
  };
}
