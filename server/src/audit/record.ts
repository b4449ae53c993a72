import type { Executor } from '../db/client.ts';
import { auditLog } from './schema.ts';

export interface AuditEntry {
  actorType: 'agent' | 'integration' | 'system' | 'anonymous';
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  ip?: string;
}

/** Records an agent's or integration's action. Never put a secret in `data`. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    data: entry.data ?? null,
    ip: entry.ip ?? null,
  });
}
