import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { AppError } from '../platform/errors.ts';
import { hostParts } from './lookalike.ts';
import { type ChannelKind, officialChannels } from './schema.ts';

/** Stores a channel in the form the verify check compares: one spelling per channel. */
export function normaliseChannel(kind: ChannelKind, raw: string): string {
  const v = raw.trim();
  switch (kind) {
    case 'domain': {
      const parts = hostParts(v.replace(/^https?:\/\//i, '').replace(/\/.*$/, ''));
      if (!parts) throw new AppError('invalid_channel', { detail: `not a domain: ${v}` });
      return parts.hostname;
    }
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
        throw new AppError('invalid_channel', { detail: `not an email: ${v}` });
      return v.toLowerCase();
    case 'phone': {
      const digits = v.replace(/\D/g, '');
      if (digits.length < 5 || digits.length > 15)
        throw new AppError('invalid_channel', { detail: `not a phone: ${v}` });
      return `+${digits}`;
    }
    default: {
      const handle = v.replace(/^@/, '').replace(/^(?:https?:\/\/)?t\.me\//i, '');
      if (!/^[\w.\-\p{L}]{2,64}$/u.test(handle))
        throw new AppError('invalid_channel', { detail: `not a handle: ${v}` });
      return handle.toLowerCase();
    }
  }
}

export interface ChannelInput {
  kind: ChannelKind;
  value: string;
  name: string;
  note?: string;
}

export async function addChannel(db: Db, input: ChannelInput) {
  const value = normaliseChannel(input.kind, input.value);
  const [row] = await db
    .insert(officialChannels)
    .values({ kind: input.kind, value, name: input.name, note: input.note ?? '' })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('channel_exists');
  return row;
}

export function presentChannel(c: typeof officialChannels.$inferSelect) {
  return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

export async function updateChannel(db: Db, id: string, change: Partial<ChannelInput>) {
  const [current] = await db.select().from(officialChannels).where(eq(officialChannels.id, id));
  if (!current) throw new AppError('official_channel_not_found');
  if (current.sourceChannelId) throw new AppError('official_channel_managed');
  const kind = change.kind ?? current.kind;
  const [row] = await db
    .update(officialChannels)
    .set({
      kind,
      value:
        change.value !== undefined || change.kind
          ? normaliseChannel(kind, change.value ?? current.value)
          : current.value,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      updatedAt: new Date(),
    })
    .where(eq(officialChannels.id, id))
    .returning();
  return row!;
}

/** One of the desk's own social accounts, as a configured channel describes it. */
export interface ChannelAccount {
  kind: 'telegram' | 'wechat' | 'weibo';
  value: string;
  name: string;
  note?: string;
}

/**
 * Makes the registry list exactly the accounts a configured channel has now (none when it is
 * disabled): its rows are added, renamed or removed. A row an admin typed in by hand for the same
 * account stays as it is (it was there first, and it is theirs to remove).
 */
export async function syncChannelAccounts(
  db: Executor,
  sourceChannelId: string,
  accounts: ChannelAccount[],
): Promise<void> {
  const wanted = new Map<string, ChannelAccount & { value: string }>();
  for (const a of accounts) {
    try {
      const value = normaliseChannel(a.kind, a.value);
      wanted.set(`${a.kind}:${value}`, { ...a, value });
    } catch {
      // A setting that is not a handle (an admin's typo) lists nothing rather than failing the save.
    }
  }
  const current = await db
    .select()
    .from(officialChannels)
    .where(eq(officialChannels.sourceChannelId, sourceChannelId));
  for (const row of current) {
    const want = wanted.get(`${row.kind}:${row.value}`);
    if (!want) {
      await db.delete(officialChannels).where(eq(officialChannels.id, row.id));
    } else if (want.name !== row.name || (want.note ?? '') !== row.note) {
      await db
        .update(officialChannels)
        .set({ name: want.name, note: want.note ?? '', updatedAt: new Date() })
        .where(eq(officialChannels.id, row.id));
    }
  }
  const have = new Set(current.map((r) => `${r.kind}:${r.value}`));
  for (const [key, a] of wanted) {
    if (have.has(key)) continue;
    await db
      .insert(officialChannels)
      .values({ kind: a.kind, value: a.value, name: a.name, note: a.note ?? '', sourceChannelId })
      .onConflictDoNothing();
  }
}

/** Whether a registry row follows a channel (then only the channel's settings change it). */
export async function isManaged(db: Executor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ source: officialChannels.sourceChannelId })
    .from(officialChannels)
    .where(eq(officialChannels.id, id));
  return Boolean(row?.source);
}
